/**
 * The server API's review conversations (issue 13 §1): a clinic API key made by the CLI,
 * a conversation with the author of a negative review (complaint thread, the clinic's
 * first message, a discreet invitation with a resume link through the real mail catcher),
 * the signed webhook to a real local receiver (retried after a 500), and refusals that
 * store nothing.
 */
import { startWebhookReceiver } from '../testing/webhook-receiver.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import type { ReviewConversation, WebhookEvent } from '../../protocol/review-api.ts';
import { loadConfig } from '../config.ts';
import type { CaughtItem } from '../notify/mail-catcher.ts';
import { seedDemo } from '../demo-seed.ts';
import { createLogger } from '../logger.ts';
import { startRelay } from '../relay-server.ts';
import { startTestRelay, startTestRedis, TEST_PASSWORD, type TestRelay, logSink } from '../testing/harness.ts';
import { connectStaff, connectVisitor, ok } from '../testing/clients.ts';
import { storeSnapshot } from '../testing/store-snapshot.ts';
import { verifyWebhook } from '../reviews/webhook-signature.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const resumeLink = /\/c\/([A-Za-z0-9_-]{22})/;
const REVIEW_TEXT = 'Врач нагрубил, анализы потеряли, больше не приду';
const FIRST_MESSAGE = 'Здравствуйте! Спасибо за отзыв. Нам очень жаль — давайте разберёмся вместе.';

let relay: TestRelay;
let key: string;

function cli(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'relay/cli.ts', ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, REDIS_URL: relay.redis.url },
  });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.trim().split('\n');
}

before(async () => {
  relay = await startTestRelay({ relay: { webhooks: { backoffMs: 50, timeoutMs: 2_000 } } });
  key = cli(['clinic', 'api-key', '--clinic', 'demo']).at(-1)!;
});
after(() => relay.stop());

let reviewSeq = 0;
const reviewId = () => `pd-${process.pid}-${(reviewSeq += 1)}`;

function post(body: unknown, apiKey: string | null = key, raw?: string) {
  return fetch(`${relay.url}/api/v1/review-conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(apiKey === null ? {} : { authorization: `Bearer ${apiKey}` }) },
    body: raw ?? JSON.stringify(body),
  });
}

const request = (id: string, rating: number, contact: Record<string, string> = { email: `author-${id}@example.org` }) => ({
  review: { id, url: `https://prodoctorov.example/review/${id}`, rating, text: REVIEW_TEXT, publishedAt: '2024-05-01T10:00:00Z' },
  contact,
  message: FIRST_MESSAGE,
});

test('an API key made by the CLI opens the API; without one, with a wrong one or after revoking it the answer is 401 API_KEY_INVALID', async () => {
  const lines = cli(['clinic', 'api-key', '--clinic', 'demo']);
  const fresh = lines.at(-1)!;
  assert.match(fresh, /^cck_[A-Za-z0-9_-]{43}$/);
  const keyId = /API key ([A-Za-z0-9_-]{22}) created/.exec(lines[0]!)?.[1];
  assert.ok(keyId, lines.join('\n'));

  const first = await post(request(reviewId(), 2, {}), fresh);
  assert.equal(first.status, 201, await first.clone().text());

  cli(['clinic', 'api-key', '--clinic', 'demo', '--revoke', keyId]);
  for (const bad of [fresh, null, 'cck_wrong', '']) {
    const answer = await post(request(reviewId(), 2), bad);
    assert.equal(answer.status, 401);
    assert.equal(((await answer.json()) as { code: string }).code, 'API_KEY_INVALID');
  }
  const read = await fetch(`${relay.url}/api/v1/review-conversations/${((await first.json()) as ReviewConversation).id}`, {
    headers: { authorization: `Bearer ${fresh}` },
  });
  assert.equal(read.status, 401);
  // The other key still works: revoking one key leaves the clinic's others alone.
  assert.equal((await post(request(reviewId(), 1, {}))).status, 201);
});

test('a 2-star review opens a complaint thread with the clinic message; the invitation has a link and no review text; the link shows the thread', async (t) => {
  const id = reviewId();
  const email = `author-${id}@example.org`;
  const invited = new Promise<CaughtItem>((resolve) =>
    relay.mailCatcher!.onCaught((item) => {
      if (item.to.includes(email)) resolve(item);
    }),
  );
  const answer = await post(request(id, 2, { email }));
  assert.equal(answer.status, 201);
  const conversation = (await answer.json()) as ReviewConversation;
  assert.equal(conversation.status, 'open');
  assert.deepEqual(conversation.review, { id, url: `https://prodoctorov.example/review/${id}`, rating: 2 });
  assert.equal(conversation.link, undefined, 'the link went to the patient, not to the caller');

  const complaints = await connectStaff(relay.url, 'complaints@demo.clinic', TEST_PASSWORD);
  t.after(() => complaints.close());
  const { thread } = await ok(complaints, 'thread:get', { threadId: conversation.threadId as never });
  assert.equal(thread.complaint, true);
  const history = await ok(complaints, 'message:history', { threadId: thread.id });
  assert.deepEqual(
    history.messages.map((m) => (m.type === 'text' ? [m.author.kind, m.text] : [m.type])),
    [['staff', FIRST_MESSAGE]],
  );

  const mail = await invited;
  for (const secret of [REVIEW_TEXT, FIRST_MESSAGE, 'prodoctorov', 'отзыв нагрубил'])
    assert.ok(!mail.text.includes(secret), `the invitation contains "${secret}"`);
  assert.ok(mail.text.includes('Клиника «Здоровье+»'));
  const code = resumeLink.exec(mail.text)?.[1];
  assert.ok(code, mail.text);

  const page = await (await fetch(`${relay.url}/c/${code}`)).text();
  const token = /resume-token="([^"]+)"/.exec(page)?.[1];
  assert.ok(token, page);
  const patient = await connectVisitor(relay.url, { token, origin: new URL(relay.publicUrl).origin });
  t.after(() => patient.socket.close());
  const { threads } = await ok(patient.socket, 'thread:list', {});
  assert.deepEqual(
    threads.map((th) => th.id),
    [conversation.threadId],
  );
  assert.equal(threads[0]!.unread, 1);
  const seen = await ok(patient.socket, 'message:history', { threadId: conversation.threadId as never });
  assert.deepEqual(
    seen.messages.map((m) => (m.type === 'text' && m.author.kind === 'staff' ? [m.author.staff.name, m.text] : null)),
    [['Клиника «Здоровье+»', FIRST_MESSAGE]],
  );

  const status = await fetch(`${relay.url}/api/v1/review-conversations/${conversation.id}`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(status.status, 200);
  const { link: _link, ...expected } = conversation;
  assert.deepEqual(await status.json(), expected);
});

test('the same review again returns its conversation with 200; without a contact the caller gets the link', async () => {
  const id = reviewId();
  const first = await post(request(id, 3, {}));
  assert.equal(first.status, 201);
  const created = (await first.json()) as ReviewConversation;
  assert.match(created.link ?? '', resumeLink);
  const again = await post({ ...request(id, 1, {}), message: 'Другое сообщение' });
  assert.equal(again.status, 200);
  const { link: _link, ...expected } = created;
  assert.deepEqual(await again.json(), expected);
});

test('a positive review and bad bodies are refused with coded errors, and nothing is stored', async () => {
  const redis = new Redis(relay.redis.url);
  try {
    // Rate-limit counters and BullMQ's bookkeeping may move; the data may not.
    const ignore = ['{webhooks}', '{notify}', 'handshakes-ip'];
    const before = await storeSnapshot(redis, ignore);
    const id = reviewId();
    const cases: [unknown, number, string, string?][] = [
      [request(id, 5), 422, 'REVIEW_NOT_NEGATIVE', '/review/rating'],
      [request(id, 4), 422, 'REVIEW_NOT_NEGATIVE', '/review/rating'],
      [request(id, 0), 400, 'BAD_REQUEST', '/review/rating'],
      [{ ...request(id, 2), review: { id, rating: 2 } }, 400, 'BAD_REQUEST', '/review/url'],
      [{ ...request(id, 2), review: { ...request(id, 2).review, url: 'javascript:alert(1)' } }, 400, 'BAD_REQUEST', '/review/url'],
      [{ ...request(id, 2), message: '   ' }, 400, 'TEXT_EMPTY', '/message'],
      [{ ...request(id, 2), contact: { email: 'not an address' } }, 400, 'CONTACT_INVALID', '/contact/email'],
      [{ ...request(id, 2), extra: 1 }, 400, 'BAD_REQUEST'],
      [{ ...request(id, 2), review: { ...request(id, 2).review, id: '' } }, 400, 'BAD_REQUEST', '/review/id'],
    ];
    for (const [body, status, code, path] of cases) {
      const answer = await post(body);
      const error = (await answer.json()) as { code: string; data?: { path?: string } };
      assert.equal(answer.status, status, JSON.stringify(body));
      assert.equal(error.code, code, JSON.stringify(body));
      if (path) assert.equal(error.data?.path, path, JSON.stringify(body));
    }
    const broken = await post(null, key, '{"review":');
    assert.equal(broken.status, 400);
    assert.equal(((await broken.json()) as { code: string }).code, 'BAD_REQUEST');
    assert.deepEqual(await storeSnapshot(redis, ignore), before);
    const missing = await fetch(`${relay.url}/api/v1/review-conversations/AAAAAAAAAAAAAAAAAAAAAA`, { headers: { authorization: `Bearer ${key}` } });
    assert.equal(missing.status, 404);
  } finally {
    redis.disconnect();
  }
});

test('the webhook arrives signed and verifiable, and is retried after a 500; the delivery log has no body', async (t) => {
  const receiver = await startWebhookReceiver((attempt) => (attempt === 1 ? 500 : 204));
  const { received } = receiver;
  t.after(() => receiver.close());
  const lines = cli(['clinic', 'webhook', '--clinic', 'demo', '--url', receiver.url]);
  const secret = lines.at(-1)!;
  assert.match(secret, /^whsec_/);

  const id = reviewId();
  const conversation = (await (await post(request(id, 1, {}))).json()) as ReviewConversation;
  await receiver.arrived(2);

  for (const { headers, body } of received) {
    const signature = String(headers['x-clinicchat-signature']);
    const [, t0, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature) ?? [];
    assert.ok(t0 && mac, signature);
    assert.ok(Math.abs(Date.now() / 1000 - Number(t0)) < 60);
    assert.equal(createHmac('sha256', secret).update(`${t0}.${body}`).digest('hex'), mac, 'the signature verifies with the secret the CLI printed');
    assert.equal(headers['content-type'], 'application/json');
    // The helper offered to receivers agrees, and refuses a changed body or an old time.
    assert.ok(verifyWebhook(secret, signature, body));
    assert.ok(!verifyWebhook(secret, signature, `${body} `));
    assert.ok(!verifyWebhook(secret, signature, body, 300, (Number(t0) + 301) * 1000));
  }
  assert.equal(received[0]!.body, received[1]!.body, 'a retry sends the same event');
  const event = JSON.parse(received[1]!.body) as WebhookEvent;
  assert.equal(event.type, 'review.conversation_started');
  assert.deepEqual(event.data, { review: { id }, conversationId: conversation.id, threadId: conversation.threadId, status: 'open' });
  assert.ok(!received[1]!.body.includes(REVIEW_TEXT) && !received[1]!.body.includes(FIRST_MESSAGE));

  const clinic = (await relay.stores.clinics.getBySiteKey('demo'))!;
  const log = await relay.stores.webhooks.deliveries(clinic.id);
  const mine = log.filter((entry) => entry.eventId === event.id).reverse();
  assert.deepEqual(
    mine.map(({ attempt, status, outcome }) => ({ attempt, status, outcome })),
    [
      { attempt: 1, status: 500, outcome: 'retrying' },
      { attempt: 2, status: 204, outcome: 'delivered' },
    ],
  );
  await relay.stores.webhooks.remove(clinic.id);
});

test('refusing a plain-http webhook to another host, and publishing the OpenAPI description', async () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'relay/cli.ts', 'clinic', 'webhook', '--clinic', 'demo', '--url', 'http://example.org/hook'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, REDIS_URL: relay.redis.url },
  });
  assert.equal(result.status, 2);
  assert.match(result.stderr, /--url: https only/);

  const answer = await fetch(`${relay.url}/api/openapi.json`);
  assert.equal(answer.status, 200);
  const document = (await answer.json()) as {
    openapi: string;
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, unknown> };
  };
  assert.equal(document.openapi, '3.1.0');
  assert.deepEqual(Object.keys(document.paths).sort(), ['/api/v1/reports', '/api/v1/review-conversations', '/api/v1/review-conversations/{id}']);
  assert.ok(document.components.schemas.Report, 'the report is described as well');
  const requestSchema = document.components.schemas.ReviewConversationRequest as { properties: { review: { properties: { rating: { maximum: number } } } } };
  assert.equal(requestSchema.properties.review.properties.rating.maximum, 5);
});

test('logs at trace level carry neither the review text, the contact nor the first message', async () => {
  const logs = logSink();
  const sink = logs.stream;
  const redis = await startTestRedis();
  const config = loadConfig({ PORT: '0', LOG_LEVEL: 'trace' });
  const traced = await startRelay(config, redis.url, createLogger(config, sink), { mailCatcher: true });
  try {
    await seedDemo(traced.stores, traced.port, TEST_PASSWORD);
    const clinic = (await traced.stores.clinics.getBySiteKey('demo'))!;
    const { key: tracedKey } = await traced.stores.apiKeys.create(clinic.id);
    const caught = new Promise((resolve) => traced.mailCatcher!.onCaught(resolve));
    const body = JSON.stringify({ ...request('trace-1', 2, { email: 'secret-author@example.org', phone: '+7 900 123-45-67' }) });
    const answer = await fetch(`${traced.url}/api/v1/review-conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'authorization': `Bearer ${tracedKey}` },
      body,
    });
    assert.equal(answer.status, 201);
    await caught;
    await fetch(`${traced.url}/api/v1/review-conversations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'authorization': `Bearer ${tracedKey}` },
      body: JSON.stringify({ ...request('trace-2', 5, { email: 'secret-author@example.org' }) }),
    });
    assert.ok(!logs.logged().includes(tracedKey), 'the API key is logs.logged()');
  } finally {
    await traced.close();
    await redis.stop();
  }
  assert.ok(logs.logged().length > 0);
  for (const forbidden of ['Врач нагрубил', 'давайте разберёмся', 'secret-author', '+7 900', '79001234567']) {
    assert.ok(!logs.logged().includes(forbidden), `logs contain "${forbidden}"`);
  }
});
