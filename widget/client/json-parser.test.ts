import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as reference from 'socket.io-parser';
import { Decoder, Encoder, decode, type Packet } from './json-parser.ts';

// What the visitor namespace carries: connects (with auth), events with and without acks, acks, refusals.
const PACKETS: Packet[] = [
  { type: 0, nsp: '/visitor', data: { siteKey: 'demo', token: 'x'.repeat(43) } },
  { type: 0, nsp: '/visitor', data: { sid: 'abc' } },
  { type: 0, nsp: '/', data: {} },
  { type: 1, nsp: '/visitor' },
  { type: 2, nsp: '/visitor', data: ['session', { clinic: { name: 'Клиника «Здоровье+»', bookingUrl: null } }] },
  { type: 2, nsp: '/visitor', id: 0, data: ['message:send', { threadId: 't', clientId: 'c', text: 'строка\nс "кавычками" и <img src=x>' }] },
  { type: 2, nsp: '/visitor', id: 12345, data: ['thread:list', {}] },
  { type: 2, nsp: '/', data: ['typing', { threadId: 't', typing: true }] },
  { type: 3, nsp: '/visitor', id: 7, data: [{ ok: { id: '1700000000000-0', at: 1700000000000 } }] },
  { type: 3, nsp: '/visitor', id: 8, data: [{ error: { code: 'TEXT_TOO_LONG', message: 'too long', data: { max: 4000 } } }] },
  { type: 4, nsp: '/visitor', data: { message: 'ORIGIN_NOT_ALLOWED', data: { code: 'ORIGIN_NOT_ALLOWED' } } },
  { type: 4, nsp: '/visitor', data: 'Invalid namespace' },
];

function referenceDecode(frame: string): unknown {
  const decoder = new reference.Decoder();
  let packet: unknown;
  decoder.on('decoded', (decoded: unknown) => (packet = decoded));
  decoder.add(frame);
  return packet;
}

test('encodes every packet exactly as socket.io-parser does', () => {
  for (const packet of PACKETS) {
    assert.deepEqual(new Encoder().encode(packet), new reference.Encoder().encode(packet as reference.Packet));
  }
});

test('decodes what socket.io-parser writes into the same packets', () => {
  for (const packet of PACKETS) {
    const [frame] = new reference.Encoder().encode(packet as reference.Packet) as string[];
    assert.deepEqual(decode(frame!), referenceDecode(frame!));
  }
});

test('delivers decoded packets to the listener socket.io-client registers, until it is removed', () => {
  const decoder = new Decoder();
  const seen: Packet[] = [];
  const listener = (packet: Packet) => seen.push(packet);
  decoder.on('decoded', listener);
  decoder.add('2/visitor,["read",{"threadId":"t","side":"staff","upTo":"1-0"}]');
  decoder.off('decoded', listener);
  decoder.add('2/visitor,["read",{}]');
  assert.equal(seen.length, 1);
});

test('refuses what socket.io-parser refuses, and binary packets', () => {
  for (const frame of ['9', '2/visitor,["connect"]', '2/visitor,{"not":"an array"}', '3/visitor,1{}', '1/visitor,{}', '2/visitor,[oops']) {
    assert.throws(() => referenceDecode(frame), `socket.io-parser refuses ${frame}`);
    assert.throws(() => decode(frame), `refuses ${frame}`);
  }
  assert.throws(() => decode('51-["x",{"_placeholder":true,"num":0}]'));
  assert.throws(() => new Decoder().add(new Uint8Array([1, 2, 3])));
});
