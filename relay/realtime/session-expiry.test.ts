import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter, once } from 'node:events';
import type { ClinicId, StaffId } from '../../protocol/ids.ts';
import { connectRedis } from '../store/redis-client.ts';
import { createSessionStore } from '../store/session-store.ts';
import { startTestRedis } from '../testing/harness.ts';
import { endWithSession } from './session-expiry.ts';

/** What endWithSession needs of a Socket.IO socket, recording what it was told. */
class RecordingSocket extends EventEmitter {
  told: string[] = [];
  override emit(event: string, ...args: unknown[]): boolean {
    if (event === 'session:end') this.told.push((args[0] as { reason: string }).reason);
    return super.emit(event, ...args);
  }
  disconnect(): void {
    this.emit('closed');
  }
}

test('a session longer than one timer can wait is re-checked and kept, and ends when it really expires', async (t) => {
  const redis = await startTestRedis();
  t.after(() => redis.stop());
  const client = connectRedis(redis.url);
  t.after(() => client.quit());
  const sessions = createSessionStore(client, 1);
  const { session } = await sessions.create('s1' as StaffId, 'c1' as ClinicId);
  const socket = new RecordingSocket();
  const started = Date.now();
  // A 50 ms "longest timer" makes the ~1 s session outlive ~20 timers, as a 30-day session outlives setTimeout's limit.
  endWithSession(socket, session, (id) => sessions.byId(id), 50);
  await once(socket, 'closed');
  assert.deepEqual(socket.told, ['expired']);
  assert.ok(Date.now() - started >= 900, `ended after ${Date.now() - started} ms, before the session expired`);
});
