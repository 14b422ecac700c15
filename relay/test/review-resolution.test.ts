/**
 * Status steps and the patient's "My problem is solved" on a complaint (issue 13 §1, R13):
 * staff set the clinic's steps, the patient sees each with its time; the patient's answer
 * marks the review's conversation solved by the patient (distinct from staff's `solved`),
 * the review site gets signed `review.solved` and `conversation.rated` webhooks at a real
 * local receiver, and bad requests are refused with codes.
 */
import { startWebhookReceiver } from '../testing/webhook-receiver.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { ClinicId } from '../../protocol/ids.ts';
import type { PatientThread } from '../../protocol/model.ts';
import type { ReviewConversation, WebhookEvent } from '../../protocol/review-api.ts';
import { adviseOn } from '../../protocol/writing-guidance.ts';
import { COMPLAINT_PLAYBOOK } from '../reviews/complaint-playbook.ts';
import { verifyWebhook } from '../reviews/webhook-signature.ts';
import { call, connectStaff, connectVisitor, ok, type StaffSocket, type VisitorSocket } from '../testing/clients.ts';
import { startTestRelay, TEST_PASSWORD, type TestRelay } from '../testing/harness.ts';

let relay: TestRelay;
let key: string;
let clinicId: ClinicId;
let complaints: StaffSocket;

before(async () => {
  relay = await startTestRelay({ relay: { webhooks: { backoffMs: 50, timeoutMs: 2_000 } } });
  const clinic = (await relay.stores.clinics.getBySiteKey('demo'))!;
  clinicId = clinic.id;
  key = (await relay.stores.apiKeys.create(clinic.id)).key;
  complaints = await connectStaff(relay.url, 'complaints@demo.clinic', TEST_PASSWORD);
});
after(async () => {
  complaints.close();
  await relay.stop();
});

let seq = 0;
/** A review conversation without a contact: the API hands back the link, and the patient opens it. */
async function openReview(): Promise<{ conversation: ReviewConversation; patient: VisitorSocket }> {
  seq += 1;
  const reviewId = `rv-${process.pid}-${seq}`;
  const answer = await fetch(`${relay.url}/api/v1/review-conversations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'authorization': `Bearer ${key}` },
    body: JSON.stringify({
      review: { id: reviewId, url: `https://reviews.example/${reviewId}`, rating: 2 },
      contact: {},
      message: 'Здравствуйте! Спасибо за отзыв.',
    }),
  });
  assert.equal(answer.status, 201);
  const conversation = (await answer.json()) as ReviewConversation;
  const page = await (await fetch(conversation.link!)).text();
  const token = /resume-token="([^"]+)"/.exec(page)![1]!;
  const { socket } = await connectVisitor(relay.url, { token, origin: new URL(relay.publicUrl).origin });
  return { conversation, patient: socket };
}

const nextUpdate = (socket: VisitorSocket, accept: (thread: PatientThread) => boolean) =>
  new Promise<PatientThread>((resolve) => {
    const listener = (thread: PatientThread) => {
      if (!accept(thread)) return;
      socket.off('thread:update', listener);
      resolve(thread);
    };
    socket.on('thread:update', listener);
  });

test('the patient sees the review and each status step staff set, with its time; the same step again changes nothing', async (t) => {
  const { conversation, patient } = await openReview();
  t.after(() => patient.close());
  const threadId = conversation.threadId as never;
  const [listed] = (await ok(patient, 'thread:list', {})).threads;
  assert.deepEqual(listed!.review, conversation.review);
  assert.equal(listed!.steps, undefined);

  const seen = nextUpdate(patient, (th) => th.steps?.length === 1);
  const before = Date.now();
  const { thread } = await ok(complaints, 'thread:step', { threadId, stepId: 'received', actionId: 'act-step-1' as never });
  assert.deepEqual(
    thread.steps?.map((s) => [s.id, s.label.en]),
    [['received', 'We received your feedback']],
  );
  const update = await seen;
  assert.equal(update.steps![0]!.label.ru, 'Мы получили ваш отзыв');
  assert.ok(update.steps![0]!.at >= before && update.steps![0]!.at <= Date.now());

  const again = await ok(complaints, 'thread:step', { threadId, stepId: 'received' });
  assert.equal(again.thread.steps?.length, 1);
  const next = await ok(complaints, 'thread:step', { threadId, stepId: 'proposed' });
  assert.deepEqual(
    next.thread.steps?.map((s) => [s.id, s.solution ?? false]),
    [
      ['received', false],
      ['proposed', true],
    ],
  );
});

test('"Not yet", then "My problem is solved" and a rating: the API shows solved-by-patient and the webhooks arrive signed', async (t) => {
  const receiver = await startWebhookReceiver();
  t.after(() => receiver.close());
  const secret = await relay.stores.webhooks.set(clinicId, receiver.url);
  t.after(() => relay.stores.webhooks.remove(clinicId));

  const { conversation, patient } = await openReview();
  t.after(() => patient.close());
  const threadId = conversation.threadId as never;
  await ok(complaints, 'thread:step', { threadId, stepId: 'proposed' });

  const notYet = await ok(patient, 'thread:resolve', { threadId, solved: false });
  assert.equal(notYet.thread.solution?.solved, false);
  const solved = await ok(patient, 'thread:resolve', { threadId, solved: true });
  assert.equal(solved.thread.solution?.solved, true);
  assert.equal(solved.thread.solution?.rating, null);
  const withRating = await ok(patient, 'thread:resolve', { threadId, solved: true, rating: 5, comment: 'Спасибо, всё решили' });
  assert.deepEqual([withRating.thread.solution?.rating, withRating.thread.solution?.comment], [5, 'Спасибо, всё решили']);
  const staffSide = await ok(complaints, 'thread:get', { threadId });
  assert.equal(staffSide.thread.status, 'open', 'the patient solving is not staff setting the status');
  assert.equal(staffSide.thread.solution?.solved, true);

  const api = await fetch(`${relay.url}/api/v1/review-conversations/${conversation.id}`, { headers: { authorization: `Bearer ${key}` } });
  assert.equal(((await api.json()) as ReviewConversation).status, 'solved-by-patient');

  await receiver.arrived(3);
  const events = receiver.received.map(({ headers, body }) => ({ signature: String(headers['x-clinicchat-signature']), body }));
  const mine = events.map((e) => ({ ...e, event: JSON.parse(e.body) as WebhookEvent })).filter((e) => e.event.data.conversationId === conversation.id);
  // Workers deliver in parallel: the order of arrival is not the order of events.
  assert.deepEqual(mine.map((e) => [e.event.type, e.event.data.status, e.event.data.rating]).sort(), [
    ['conversation.rated', 'solved-by-patient', 5],
    ['review.conversation_started', 'open', undefined],
    ['review.solved', 'solved-by-patient', undefined],
  ]);
  for (const { signature, body } of mine) assert.ok(verifyWebhook(secret, signature, body));
  assert.ok(!events.some((e) => e.body.includes('Спасибо, всё решили')), 'the comment stays in the clinic');
});

test('refusals: steps only on complaints and from the clinic list, answers only where offered, a rating only after "solved"', async (t) => {
  const { conversation, patient } = await openReview();
  t.after(() => patient.close());
  const threadId = conversation.threadId as never;
  const codeOf = async (promise: Promise<{ error?: { code: string; data?: { path?: string } } }>) => {
    const { error } = await promise;
    return [error?.code, error?.data?.path];
  };
  assert.deepEqual(await codeOf(call(complaints, 'thread:step', { threadId, stepId: 'no-such-step' })), ['BAD_REQUEST', '/stepId']);
  assert.deepEqual(await codeOf(call(complaints, 'thread:step', { threadId, stepId: 'Bad Id!' })), ['BAD_ID', '/stepId']);
  assert.deepEqual(await codeOf(call(patient, 'thread:resolve', { threadId, solved: false, rating: 3 })), ['BAD_REQUEST', '/rating']);
  assert.deepEqual(await codeOf(call(patient, 'thread:resolve', { threadId, solved: true, rating: 6 })), ['BAD_REQUEST', '/rating']);
  await ok(patient, 'thread:resolve', { threadId, solved: true });
  assert.deepEqual(await codeOf(call(patient, 'thread:resolve', { threadId, solved: false })), ['BAD_REQUEST', '/solved']);

  // An ordinary conversation: no steps, nothing to answer.
  const walkIn = await connectVisitor(relay.url);
  t.after(() => walkIn.socket.close());
  const { thread } = await ok(walkIn.socket, 'thread:open', { kind: 'general' });
  await ok(walkIn.socket, 'message:send', { threadId: thread.id, clientId: 'c-walk-in-1' as never, text: 'Вопрос' });
  const admin = await connectStaff(relay.url, 'admin@demo.clinic', TEST_PASSWORD);
  t.after(() => admin.close());
  assert.deepEqual(await codeOf(call(admin, 'thread:step', { threadId: thread.id, stepId: 'received' })), ['NOT_A_COMPLAINT', undefined]);
  assert.deepEqual(await codeOf(call(walkIn.socket, 'thread:resolve', { threadId: thread.id, solved: true })), ['NOT_A_COMPLAINT', undefined]);
});

test('the owner chooses the clinic’s steps and writing guidance; colleagues read them, only the owner changes them', async (t) => {
  const owner = await connectStaff(relay.url, 'owner@demo.clinic', TEST_PASSWORD);
  t.after(() => owner.close());
  const initial = await ok(complaints, 'reviews:settings', {});
  assert.deepEqual(
    initial.settings.steps.map((s) => s.id),
    ['received', 'checking', 'proposed'],
  );
  assert.deepEqual(initial.settings.guidance, { everyThread: false, off: [], jargon: [] });

  const steps = [
    { id: 'received', label: { ru: 'Получили', en: 'Received' } },
    { id: 'refund', label: { ru: 'Оформляем возврат', en: 'Arranging a refund' }, solution: true },
  ];
  const guidance = { everyThread: true, off: ['no-greeting' as const], jargon: ['КТ'] };
  const { settings } = await ok(owner, 'reviews:settings-update', { steps, guidance });
  assert.deepEqual(settings, { steps, guidance });
  assert.deepEqual((await ok(complaints, 'reviews:settings', {})).settings, settings);

  const { conversation, patient } = await openReview();
  t.after(() => patient.close());
  const { thread } = await ok(complaints, 'thread:step', { threadId: conversation.threadId as never, stepId: 'refund' });
  assert.equal(thread.steps?.[0]?.label.en, 'Arranging a refund');

  assert.equal((await call(complaints, 'reviews:settings-update', { guidance })).error?.code, 'FORBIDDEN');
  const repeated = await call(owner, 'reviews:settings-update', { steps: [steps[0]!, steps[0]!] });
  assert.deepEqual([repeated.error?.code, repeated.error?.data?.path], ['BAD_REQUEST', '/steps']);
  const unknownRule = await call(owner, 'reviews:settings-update', { guidance: { ...guidance, off: ['rude' as never] } });
  assert.equal(unknownRule.error?.code, 'BAD_REQUEST');
  assert.deepEqual((await ok(owner, 'reviews:settings', {})).settings, settings, 'refusals changed nothing');
  await ok(owner, 'reviews:settings-update', { steps: initial.settings.steps, guidance: initial.settings.guidance });
});

test('the complaints manager starts a conversation about a review from the console: a complaint assigned to them; others may not', async (t) => {
  const reviewId = `console-${process.pid}`;
  const body = { review: { id: reviewId, url: `https://reviews.example/${reviewId}`, rating: 1 }, contact: {}, message: 'Здравствуйте! Спасибо за отзыв.' };
  const started = await ok(complaints, 'reviews:start', body);
  assert.equal(started.created, true);
  const { thread } = await ok(complaints, 'thread:get', { threadId: started.conversation.threadId as never });
  assert.deepEqual([thread.complaint, thread.assignee?.name, thread.review?.id], [true, 'Мария Петрова', reviewId]);
  const again = await ok(complaints, 'reviews:start', body);
  assert.deepEqual([again.created, again.conversation.id], [false, started.conversation.id]);

  const doctor = await connectStaff(relay.url, 'doctor@demo.clinic', TEST_PASSWORD);
  t.after(() => doctor.close());
  assert.equal((await call(doctor, 'reviews:start', body)).error?.code, 'FORBIDDEN');
  const positive = await call(complaints, 'reviews:start', { ...body, review: { ...body.review, id: `${reviewId}-5`, rating: 5 } });
  assert.equal(positive.error?.code, 'REVIEW_NOT_NEGATIVE');
});

test('the owner reads the webhook delivery log and replays an event: the same body arrives again', async (t) => {
  const receiver = await startWebhookReceiver();
  t.after(() => receiver.close());
  const { url } = receiver;
  await relay.stores.webhooks.set(clinicId, url);
  t.after(() => relay.stores.webhooks.remove(clinicId));
  /** The body of the request after those so far. */
  const next = () => {
    const count = receiver.received.length + 1;
    return receiver.arrived(count).then(() => receiver.received[count - 1]!.body);
  };

  const first = next();
  const { conversation, patient } = await openReview();
  t.after(() => patient.close());
  const event = JSON.parse(await first) as WebhookEvent;
  assert.equal(event.data.conversationId, conversation.id);

  const owner = await connectStaff(relay.url, 'owner@demo.clinic', TEST_PASSWORD);
  t.after(() => owner.close());
  const log = await ok(owner, 'webhooks:deliveries', {});
  assert.equal(log.url, url);
  assert.deepEqual(
    log.deliveries.filter((d) => d.eventId === event.id).map(({ type, attempt, status, outcome }) => ({ type, attempt, status, outcome })),
    [{ type: 'review.conversation_started', attempt: 1, status: 204, outcome: 'delivered' }],
  );

  const replayed = next();
  await ok(owner, 'webhooks:replay', { eventId: event.id });
  assert.equal(await replayed, JSON.stringify(event), 'a replay sends the same event (same id)');
  assert.equal((await call(owner, 'webhooks:replay', { eventId: 'AAAAAAAAAAAAAAAAAAAAAA' })).error?.code, 'NOT_FOUND');
  assert.equal((await call(complaints, 'webhooks:deliveries', {})).error?.code, 'FORBIDDEN');
});

test('the demo clinic starts with the complaint playbook as ready answers, each passing the writing guidance', async () => {
  const { answers } = await ok(complaints, 'answers:list', {});
  const playbook = answers.filter((a) => a.shortcut.startsWith('жалоба-'));
  assert.equal(playbook.length, COMPLAINT_PLAYBOOK.length);
  for (const answer of playbook) assert.deepEqual(adviseOn(answer.text, { firstReply: false }), [], answer.shortcut);
  assert.deepEqual(adviseOn(playbook.find((a) => a.shortcut === 'жалоба-спасибо')!.text, { firstReply: true }), []);
});

test('the owner makes, lists and revokes API keys and sets the webhook URL from the console; others may not', async (t) => {
  const owner = await connectStaff(relay.url, 'owner@demo.clinic', TEST_PASSWORD);
  t.after(() => owner.close());
  const made = await ok(owner, 'integration:key-create', { label: 'Отзывы-сайт' });
  assert.match(made.key, /^cck_/);
  const { keys } = await ok(owner, 'integration:keys', {});
  const listed = keys.find((k) => k.keyId === made.keyId);
  assert.equal(listed?.label, 'Отзывы-сайт');
  assert.ok(!JSON.stringify(keys).includes(made.key), 'the key itself is shown once, never listed');
  const read = (apiKey: string) => fetch(`${relay.url}/api/v1/review-conversations/AAAAAAAAAAAAAAAAAAAAAA`, { headers: { authorization: `Bearer ${apiKey}` } });
  assert.equal((await read(made.key)).status, 404, 'the new key opens the API');
  await ok(owner, 'integration:key-revoke', { keyId: made.keyId });
  assert.equal((await read(made.key)).status, 401);
  assert.equal((await call(owner, 'integration:key-revoke', { keyId: made.keyId })).error?.code, 'NOT_FOUND');

  const { secret } = await ok(owner, 'webhooks:set', { url: 'https://reviews.example/hooks' });
  assert.match(secret, /^whsec_/);
  t.after(() => relay.stores.webhooks.remove(clinicId));
  assert.equal((await ok(owner, 'webhooks:deliveries', {})).url, 'https://reviews.example/hooks');
  const plain = await call(owner, 'webhooks:set', { url: 'http://example.org/hook' });
  assert.deepEqual([plain.error?.code, plain.error?.data?.path], ['WEBHOOK_URL_INVALID', '/url']);
  assert.equal((await call(complaints, 'integration:keys', {})).error?.code, 'FORBIDDEN');
  assert.equal((await call(complaints, 'webhooks:set', { url: 'https://x.example/' })).error?.code, 'FORBIDDEN');
});
