import { test } from 'node:test';
import assert from 'node:assert/strict';
import { io } from 'socket.io-client';
import { NAMESPACES } from '../../protocol/events.ts';
import { relayForFile } from '../testing/file-fixtures.ts';

const file = relayForFile();

/** A long-polling handshake as a browser sends it from a page: a same-origin GET carries no Origin. */
function pollingHandshake(headers: Record<string, string>): Promise<string> {
  const socket = io(`${file.relay.url}${NAMESPACES.visitor}`, {
    auth: { siteKey: 'demo' },
    transports: ['polling'],
    extraHeaders: headers,
    forceNew: true,
    reconnection: false,
  });
  return new Promise((resolve) => {
    socket.once('session', () => {
      socket.close();
      resolve('session');
    });
    socket.once('connect_error', (error) => {
      socket.close();
      resolve(error.message);
    });
  });
}

test('a same-origin long-polling handshake without Origin is accepted for a clinic that allows the relay’s own origin', async () => {
  assert.equal(await pollingHandshake({ 'sec-fetch-site': 'same-origin' }), 'session');
});

test('without Origin and not marked same-origin, the handshake is still refused', async () => {
  assert.equal(await pollingHandshake({}), 'ORIGIN_NOT_ALLOWED');
  assert.equal(await pollingHandshake({ 'sec-fetch-site': 'cross-site' }), 'ORIGIN_NOT_ALLOWED');
});
