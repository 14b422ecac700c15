/**
 * The patient's contact and the resume link (issue 8 §2–3): the contact's checks, staff
 * sending a link through the local mail catcher, the hosted page binding a new browser to
 * the same patient once, the lookup limit, the access log and the owner's outbox.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newClientMessageId } from '../../protocol/ids.ts';
import type { OutboxItem } from '../../protocol/http.ts';
import { startTestRelay, TEST_PASSWORD } from '../testing/harness.ts';
import { call, connectStaff, connectVisitor, login, ok } from '../testing/clients.ts';

const resumeLink = /\/c\/([A-Za-z0-9_-]{22})/;

test("a patient's contact is checked before anything is stored; consent is required; withdrawing deletes it", async (t) => {
  const relay = await startTestRelay();
  t.after(() => relay.stop());
  const patient = await connectVisitor(relay.url);
  t.after(() => patient.socket.close());
  assert.equal(patient.session.contact, null);

  for (const [payload, code, field] of [
    [{ email: 'not an address', consent: true }, 'CONTACT_INVALID', 'email'],
    [{ phone: '12345', consent: true }, 'CONTACT_INVALID', 'phone'],
    [{ email: 'ok@example.org', phone: '+7 912', consent: true }, 'CONTACT_INVALID', 'phone'],
    [{ consent: true }, 'CONTACT_INVALID', 'contact'],
    [{ email: 'ok@example.org', consent: false }, 'BAD_REQUEST', undefined],
    [{ email: 'ok@example.org' }, 'BAD_REQUEST', undefined],
  ] as const) {
    const answer = await call(patient.socket, 'visitor:contact', payload as never);
    assert.equal(answer.error?.code, code, JSON.stringify(payload));
    if (field) assert.equal(answer.error?.data?.field, field);
  }
  const again = await connectVisitor(relay.url, { token: patient.token });
  assert.equal(again.session.contact, null, 'a refused contact was stored');

  const { contact } = await ok(again.socket, 'visitor:contact', { phone: '8 (912) 345-67-89', consent: true });
  assert.equal(contact.phone, '+79123456789');
  assert.equal(contact.email, null);
  again.socket.close();
  const third = await connectVisitor(relay.url, { token: patient.token });
  assert.deepEqual(third.session.contact, contact);
  await ok(third.socket, 'visitor:contact-withdraw', {});
  third.socket.close();
  assert.equal((await connectVisitor(relay.url, { token: patient.token })).session.contact, null);
});

test('staff send a link that opens the conversation once in another browser, as the same patient', async (t) => {
  // As `npm start` without SMTP_URL: the relay's own mail catcher.
  const relay = await startTestRelay();
  t.after(() => relay.stop());
  const patient = await connectVisitor(relay.url);
  t.after(() => patient.socket.close());
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: 'Можно ли записаться на завтра?' });
  const admin = await connectStaff(relay.url, 'admin@demo.clinic', TEST_PASSWORD);
  t.after(() => admin.close());
  assert.equal(admin.me.outbox, true);

  assert.equal((await call(admin, 'patient:send-link', { threadId: thread.id })).error?.code, 'CONTACT_MISSING');
  await ok(patient.socket, 'visitor:contact', { email: 'patient@example.org', consent: true });
  const head = await connectStaff(relay.url, 'head@demo.clinic', TEST_PASSWORD);
  t.after(() => head.close());
  assert.equal((await call(head, 'patient:send-link', { threadId: thread.id })).error?.code, 'FORBIDDEN');

  const caught = new Promise<string>((resolve) => relay.mailCatcher!.onCaught((item) => resolve(item.text)));
  assert.deepEqual(await ok(admin, 'patient:send-link', { threadId: thread.id }), { channel: 'email' });
  const code = resumeLink.exec(await caught)?.[1];
  assert.ok(code, 'the invite carries a resume link');

  const page = await fetch(`${relay.url}/c/${code}`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('cache-control'), 'no-store');
  assert.equal(page.headers.get('referrer-policy'), 'no-referrer');
  const html = await page.text();
  assert.match(html, /<title>Клиника «Здоровье\+»<\/title>/);
  const element = /<clinic-chat site-key="demo" relay="([^"]+)" mode="page" lang="ru" resume-token="([^"]+)"><\/clinic-chat>/.exec(html);
  assert.ok(element, html);
  assert.equal(element[1], relay.publicUrl);
  const token = element[2]!;
  assert.notEqual(token, patient.token);

  // The hosted page's origin is the relay's; its token is the same patient's, and the old one still works.
  const other = await connectVisitor(relay.url, { token, origin: new URL(relay.publicUrl).origin });
  t.after(() => other.socket.close());
  const { threads } = await ok(other.socket, 'thread:list', {});
  assert.deepEqual(
    threads.map((th) => th.id),
    [thread.id],
  );
  assert.equal((await ok(other.socket, 'message:history', { threadId: thread.id })).messages.length, 1);
  const old = await connectVisitor(relay.url, { token: patient.token });
  old.socket.close();

  for (const used of [code, 'AAAAAAAAAAAAAAAAAAAAAA', 'not-a-code']) {
    const expired = await fetch(`${relay.url}/c/${used}`);
    assert.equal(expired.status, 410);
    const text = await expired.text();
    assert.ok(text.includes('Ссылка устарела — попросите клинику прислать новую.') && text.includes('This link has expired — ask the clinic for a new one.'));
    assert.ok(!text.includes('clinic-chat'), 'an expired link grants nothing');
  }

  const visitorId = (await ok(admin, 'thread:get', { threadId: thread.id })).thread.patient.id;
  const { entries: log } = await relay.stores.accessLog.list(admin.me.clinic.id, { limit: 10 });
  assert.ok(log.some((entry) => entry.action === 'link-sent' && entry.threadId === thread.id && entry.staffId === admin.me.staff.id));
  assert.ok(log.some((entry) => entry.action === 'link-used' && entry.visitorId === visitorId));

  // The owner reads what the catcher caught; other roles may not.
  const { cookie } = await login(relay.url, 'owner@demo.clinic', TEST_PASSWORD);
  const outbox = await fetch(`${relay.url}/api/v1/outbox`, { headers: { cookie } });
  assert.equal(outbox.status, 200);
  const items = (await outbox.json()) as { items: OutboxItem[] };
  assert.equal(items.items[0]?.to, 'patient@example.org');
  assert.ok(items.items[0]?.text.includes(`/c/${code}`));
  const { cookie: adminCookie } = await login(relay.url, 'admin@demo.clinic', TEST_PASSWORD);
  assert.equal((await fetch(`${relay.url}/api/v1/outbox`, { headers: { cookie: adminCookie } })).status, 403);
});

test('link lookups are limited per address; a relay without the mail catcher has no outbox', async (t) => {
  const relay = await startTestRelay({ relay: { mailCatcher: false } });
  t.after(() => relay.stop());
  const statuses: number[] = [];
  for (let i = 0; i < 21; i += 1) statuses.push((await fetch(`${relay.url}/c/AAAAAAAAAAAAAAAAAAAAAA`)).status);
  assert.deepEqual(statuses, [...Array(20).fill(410), 429]);
  const { cookie, me } = await login(relay.url, 'owner@demo.clinic', TEST_PASSWORD);
  assert.equal(me.outbox, false);
  const outbox = await fetch(`${relay.url}/api/v1/outbox`, { headers: { cookie } });
  assert.equal(outbox.status, 404);
  assert.equal(((await outbox.json()) as { code: string }).code, 'NO_ROUTE');
});

test("the hosted page's origin (PUBLIC_URL) may open any clinic's chat; other origins still may not", async (t) => {
  const relay = await startTestRelay();
  t.after(() => relay.stop());
  const owner = await connectStaff(relay.url, 'owner@demo.clinic', TEST_PASSWORD);
  t.after(() => owner.close());
  await ok(owner, 'clinic:update', { origins: ['https://clinic.example'] });
  const hosted = await connectVisitor(relay.url, { origin: new URL(relay.publicUrl).origin });
  hosted.socket.close();
  await assert.rejects(connectVisitor(relay.url, { origin: 'https://elsewhere.example' }), { message: 'ORIGIN_NOT_ALLOWED' });
});
