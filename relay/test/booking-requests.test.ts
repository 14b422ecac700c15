/**
 * Booking requests in the chat (issue 13 §3, R5): validated with a code per field and
 * nothing stored on a refusal; staff confirm or decline once and the patient sees the
 * outcome; the phone stays out of previews; the export has it and erasure removes it.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { Redis } from 'ioredis';
import { API_PREFIX } from '../../protocol/http.ts';
import { newActionId, newClientMessageId as clientId } from '../../protocol/ids.ts';
import type { Message } from '../../protocol/model.ts';
import { startTestRelay, type TestRelay } from '../testing/harness.ts';
import { call, login, nextEvent, ok, trackConnections } from '../testing/clients.ts';

let relay: TestRelay;
let redis: Redis;
const open = trackConnections(() => relay);
before(async () => {
  relay = await startTestRelay();
  redis = new Redis(relay.redis.url);
});
after(async () => {
  open.closeAll();
  redis.disconnect();
  await relay.stop();
});

/** Every Redis key whose name or value holds `text`. */
async function keysHolding(text: string): Promise<string[]> {
  const found: string[] = [];
  for (const key of await redis.keys('*')) {
    const type = await redis.type(key);
    const value =
      type === 'hash'
        ? await redis.hgetall(key)
        : type === 'stream'
          ? await redis.xrange(key, '-', '+')
          : type === 'string'
            ? await redis.get(key)
            : type === 'list'
              ? await redis.lrange(key, 0, -1)
              : type === 'set'
                ? await redis.smembers(key)
                : type === 'zset'
                  ? await redis.zrange(key, 0, -1)
                  : null;
    if (`${key} ${JSON.stringify(value)}`.includes(text)) found.push(key);
  }
  return found.sort();
}

/** A day `days` from now, as the form sends it. */
const dayFromNow = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

async function patientWithThread() {
  const patient = await open.patient();
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  return { ...patient, threadId: thread.id };
}

test('a malformed day, time or phone gets its own code and stores nothing', async () => {
  const { socket, threadId } = await patientWithThread();
  const good = { threadId, clientId: clientId(), day: dayFromNow(3), time: '10:30', phone: '+7 900 111-22-33' };
  for (const [change, code] of [
    [{ day: '2026-02-30' }, 'BOOKING_DAY_INVALID'],
    [{ day: '31.12.2026' }, 'BOOKING_DAY_INVALID'],
    [{ day: dayFromNow(-5) }, 'BOOKING_DAY_INVALID'],
    [{ day: dayFromNow(400) }, 'BOOKING_DAY_INVALID'],
    [{ time: '25:00' }, 'BOOKING_TIME_INVALID'],
    [{ time: '9am' }, 'BOOKING_TIME_INVALID'],
    [{ phone: 'call me' }, 'BOOKING_PHONE_INVALID'],
    [{ phone: '' }, 'BOOKING_PHONE_INVALID'],
    [{ note: 'extra' }, 'BAD_REQUEST'],
  ] as const) {
    const refused = await call(socket, 'booking:request', { ...good, ...change } as never);
    assert.equal(refused.error?.code, code, JSON.stringify(change));
  }
  const history = await ok(socket, 'message:history', { threadId });
  assert.deepEqual(history.messages, []);
});

test('staff confirm a booking request with one click, once; the patient sees the outcome; retries are safe', async () => {
  const patient = await patientWithThread();
  const admin = await open.staff('admin@demo.clinic');
  const colleague = await open.staff('owner@demo.clinic');
  const day = dayFromNow(2);
  const request = { threadId: patient.threadId, clientId: clientId(), day, time: '09:15', phone: '8 (912) 345-67-89' };
  const arrived = nextEvent<Message>(admin, 'message', (m) => m.type === 'booking');
  const sent = await ok(patient.socket, 'booking:request', request);
  assert.deepEqual(await ok(patient.socket, 'booking:request', request), sent, 'a retried request is the same message');
  const booking = await arrived;
  assert.equal(booking.type, 'booking');
  assert.deepEqual(booking.type === 'booking' && booking.booking, { day, time: '09:15', phone: '+79123456789' });

  // The phone is in the thread's stream only: no preview, search word, notice job or caught mail holds it.
  assert.deepEqual(await keysHolding('3456789'), [`{t:${patient.threadId}}:stream`]);
  const { threads } = await ok(admin, 'inbox:list', {});
  const row = threads.find((t) => t.id === patient.threadId)!;
  assert.ok(!row.preview.includes('345'), 'no phone in the preview');
  assert.ok(row.unread > 0, 'a request is unread for staff');

  // Not a booking: refused.
  const text = await ok(patient.socket, 'message:send', { threadId: patient.threadId, clientId: clientId(), text: 'Hello' });
  const notBooking = await call(admin, 'booking:decide', { threadId: patient.threadId, messageId: text.id, outcome: 'confirmed', actionId: newActionId() });
  assert.equal(notBooking.error?.code, 'BOOKING_NOT_FOUND');

  const outcome = nextEvent<Message>(patient.socket, 'message', (m) => m.type === 'system' && m.event.kind === 'booking');
  const decision = { threadId: patient.threadId, messageId: sent.id, outcome: 'confirmed', actionId: newActionId() } as const;
  await ok(admin, 'booking:decide', decision);
  const seen = await outcome;
  assert.ok(seen.type === 'system' && seen.event.kind === 'booking');
  assert.deepEqual([seen.event.outcome, seen.event.request, seen.event.by.name], ['confirmed', sent.id, admin.me.staff.name]);

  await ok(admin, 'booking:decide', decision);
  const late = await call(colleague, 'booking:decide', { ...decision, outcome: 'declined', actionId: newActionId() });
  assert.equal(late.error?.code, 'BOOKING_DECIDED');
  const outcomes = (await ok(patient.socket, 'message:history', { threadId: patient.threadId })).messages.filter((m) => m.type === 'system');
  assert.equal(outcomes.length, 1, 'one decision, one system message');
});

test('the export includes the booking’s phone; erasure leaves it nowhere in Redis', async () => {
  const patient = await patientWithThread();
  const phone = '+7 916 555-01-02';
  await ok(patient.socket, 'booking:request', { threadId: patient.threadId, clientId: clientId(), day: dayFromNow(1), time: '17:45', phone });
  const visitorId = (await relay.stores.threads.get(patient.threadId))!.visitorId;
  const { cookie } = await login(relay.url, 'owner@demo.clinic', relay.password);
  const ownerFetch = (path: string, init: RequestInit = {}) =>
    fetch(`${relay.url}${API_PREFIX}${path}`, { ...init, headers: { cookie, 'content-type': 'application/json', ...init.headers } });
  const exported = await (await ownerFetch(`/patients/${visitorId}/export`)).text();
  assert.ok(exported.includes('+79165550102'), 'the export has the booking’s phone');
  assert.ok((await (await ownerFetch(`/patients/${visitorId}/export?format=html`)).text()).includes('17:45, +79165550102'));

  assert.equal((await ownerFetch(`/patients/${visitorId}/erase`, { method: 'POST', body: '{}' })).status, 204);
  assert.deepEqual(await keysHolding('5550102'), [], 'no key holds the phone after erasure');
});
