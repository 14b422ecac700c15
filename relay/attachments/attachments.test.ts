/**
 * The attachment service on a real Redis and a real directory, with its clock in the
 * test's hands: unsent uploads are swept a day later (sent ones stay, and a send after
 * the sweep is refused), and a signed URL stops working when it expires.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { newClientMessageId as clientId, type ClinicId, type ThreadId, type VisitorId } from '../../protocol/ids.ts';
import { RelayError } from '../errors.ts';
import { startTestRedis } from '../testing/harness.ts';
import { connectRedis, type RelayRedis } from '../store/redis-client.ts';
import { createStores, type Stores } from '../store/stores.ts';
import type { LocalRedis } from '../store/local-redis-server.ts';
import { MINIMAL_PDF, filesUnder, photoWithGps } from '../testing/attachment-files.ts';
import { newEntityId } from '../store/random-ids.ts';
import { ATTACHMENT_DEFAULTS } from './attachment-defaults.ts';
import { createAttachments, type Attachments } from './attachments.ts';

const DAY_MS = 24 * 3600 * 1000;
let server: LocalRedis;
const fixture = {} as { redis: RelayRedis; stores: Stores };
let dir: string;
let clock = Date.now();
let attachments: Attachments;

before(async () => {
  server = await startTestRedis();
  fixture.redis = connectRedis(server.url);
  fixture.stores = createStores(fixture.redis, { sessionTtlSeconds: 3600, threadMaxMessages: 0 });
  dir = mkdtempSync(join(tmpdir(), 'clinic-chat-attachment-service-'));
  attachments = createAttachments({
    redis: fixture.redis,
    config: { dataDir: dir, attachments: { ...ATTACHMENT_DEFAULTS, dir } },
    now: () => clock,
  });
});
after(async () => {
  await attachments.close();
  fixture.redis.disconnect();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

const newThread = () =>
  fixture.stores.threads.create({
    clinicId: newEntityId<ClinicId>(),
    visitorId: newEntityId<VisitorId>(),
    displayName: 'Patient #1',
    kind: 'general',
    doctor: null,
  });

test('a day after upload, an upload no message took is removed with its files; a sent one stays', async () => {
  const thread = await newThread();
  const upload = (body: Buffer) => attachments.upload({ scope: { threadId: thread.id }, owner: 'p', idempotencyKey: clientId(), name: 'x', body });
  const unsent = (await upload(await photoWithGps())).attachment;
  const sent = (await upload(MINIMAL_PDF)).attachment;
  await fixture.stores.threads.append(thread.id, { kind: 'patient' }, { type: 'text', clientId: clientId(), text: '', attachments: [sent] });
  assert.equal(filesUnder(join(dir, thread.id)).length, 3);

  clock += DAY_MS - 1000;
  await attachments.sweep();
  assert.equal(filesUnder(join(dir, thread.id)).length, 3, 'nothing is removed before a day');

  clock += 2000;
  await attachments.sweep();
  assert.deepEqual(filesUnder(join(dir, thread.id)), [`${sent.id}/original`]);
  assert.deepEqual(await attachments.refs({ threadId: thread.id }, [sent.id]), [sent]);
  await assert.rejects(attachments.refs({ threadId: thread.id }, [unsent.id]), { code: 'ATTACHMENT_NOT_FOUND' });
  assert.equal(await fixture.redis.zcard('attachments:pending'), 0);
  // A message that had read the reference just before the sweep is refused by the append step.
  await assert.rejects(
    fixture.stores.threads.append(thread.id, { kind: 'patient' }, { type: 'text', clientId: clientId(), text: '', attachments: [unsent] }),
    (error: unknown) => error instanceof RelayError && error.code === 'RELAY_ERR_ATTACHMENT_TAKEN',
  );
});

test('a signed URL opens its file until it expires, and not after', async () => {
  const thread = await newThread();
  const { attachment } = await attachments.upload({
    scope: { threadId: thread.id },
    owner: 's:staff',
    idempotencyKey: clientId(),
    name: 'a.pdf',
    body: MINIMAL_PDF,
  });
  const { url, expiresAt } = await attachments.signedUrl(thread.id, attachment.id, 'original', 'staff', 'http://relay.test');
  assert.equal(expiresAt, clock + ATTACHMENT_DEFAULTS.urlTtlSeconds * 1000);
  const parsed = new URL(url);
  const query = { t: parsed.searchParams.get('t') as ThreadId, exp: parsed.searchParams.get('exp')!, sig: parsed.searchParams.get('sig')! };
  const opened = await attachments.open(attachment.id, query);
  assert.ok(opened);
  opened.body.destroy();
  clock = expiresAt;
  assert.equal(await attachments.open(attachment.id, query), null);
});

test('erasing a thread removes every file and record of it, sent or not', async () => {
  const thread = await newThread();
  const upload = (body: Buffer) => attachments.upload({ scope: { threadId: thread.id }, owner: 'p', idempotencyKey: clientId(), name: 'x', body });
  const sent = (await upload(await photoWithGps())).attachment;
  await upload(MINIMAL_PDF);
  await fixture.stores.threads.append(thread.id, { kind: 'patient' }, { type: 'text', clientId: clientId(), text: '', attachments: [sent] });
  assert.equal(filesUnder(join(dir, thread.id)).length, 3);

  assert.equal(await attachments.eraseThread(thread.id), 2);
  assert.deepEqual(filesUnder(join(dir, thread.id)), []);
  assert.deepEqual(await fixture.redis.keys(`{t:${thread.id}}:attachment*`), []);
  assert.deepEqual(
    (await fixture.redis.zrange('attachments:pending', 0, -1)).filter((m) => m.startsWith(thread.id)),
    [],
  );
});
