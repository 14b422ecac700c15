import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkAck, ProtocolViolation, watchPushes } from './conformance.ts';

/** Stands in for a socket's onAny: the checker only needs to register its listener. */
function pushSource() {
  let listener: (event: string, ...args: unknown[]) => void = () => {};
  return {
    onAny(fn: typeof listener) {
      listener = fn;
    },
    push: (event: string, payload: unknown) => listener(event, payload),
  };
}

test('an ack that drifts from its result schema, or an error without a known code, is a protocol violation', () => {
  const socket = pushSource();
  watchPushes(socket, 'visitor');
  assert.doesNotThrow(() => checkAck(socket, 'message:send', { ok: { id: '1-0', at: 1 } }));
  assert.throws(() => checkAck(socket, 'message:send', { ok: { id: 1 } }), ProtocolViolation);
  assert.doesNotThrow(() => checkAck(socket, 'message:send', { error: { code: 'RATE_LIMITED', message: 'x' } }));
  assert.throws(() => checkAck(socket, 'message:send', { error: { code: 'NO_SUCH_CODE', message: 'x' } }), ProtocolViolation);
});

test('a push that is not in the protocol, or does not match its schema, is a protocol violation', () => {
  const socket = pushSource();
  watchPushes(socket, 'staff');
  assert.doesNotThrow(() => socket.push('session:end', { reason: 'expired' }));
  assert.throws(() => socket.push('session:end', { reason: 'bored' }), ProtocolViolation);
  assert.throws(() => socket.push('surprise', {}), ProtocolViolation);
});
