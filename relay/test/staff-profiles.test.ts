/**
 * Staff as patients meet them (issue 13 §3, R1): photos uploaded by the member or the
 * owner, re-encoded to a small square without metadata and served publicly with safe
 * headers; a doctor's specialty; only the doctors the owner lets accept chats are offered.
 */
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { API_PREFIX } from '../../protocol/http.ts';
import type { StaffId } from '../../protocol/ids.ts';
import { STAFF_PHOTO_PATH, STAFF_PHOTO_SIDE } from '../../protocol/people-limits.ts';
import { startTestRelay, TEST_PASSWORD, type TestRelay } from '../testing/harness.ts';
import { call, login, ok, trackConnections } from '../testing/clients.ts';
import { CAMERA_MAKE, MINIMAL_PDF, filesUnder, photoWithGps } from '../testing/attachment-files.ts';

let relay: TestRelay;
let dataDir: string;
const open = trackConnections(() => relay);
const SITE = 'people-clinic';
const email = (who: string) => `${who}@${SITE}`;
const team: Record<string, StaffId> = {};

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'clinic-chat-people-'));
  relay = await startTestRelay({ env: { DATA_DIR: dataDir } });
  // A clinic of its own: no patient has asked for its doctors yet, so none are cached.
  const clinic = await relay.stores.clinics.create({
    siteKey: SITE,
    name: 'People',
    greeting: '',
    locale: 'en',
    origins: [relay.url],
    bookingUrl: null,
    officeHours: null,
  });
  for (const [who, role] of [
    ['owner', 'owner'],
    ['admin', 'admin'],
    ['cardio', 'doctor'],
    ['derma', 'doctor'],
  ] as const) {
    team[who] = (await relay.stores.staff.create({ clinicId: clinic.id, email: email(who), name: `Dr ${who}`, role, password: TEST_PASSWORD })).id;
  }
});
after(async () => {
  open.closeAll();
  await relay.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function putPhoto(who: string, staffId: StaffId, body: Buffer, origin: string = relay.url) {
  const { cookie } = await login(relay.url, email(who), TEST_PASSWORD);
  const response = await fetch(`${relay.url}${API_PREFIX}/staff/${staffId}/photo`, {
    method: 'PUT',
    headers: { cookie, origin, 'content-type': 'image/jpeg' },
    body: new Uint8Array(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, any> };
}

const photoFiles = (staffId: StaffId) => filesUnder(join(dataDir, 'attachments', 'staff-photos', staffId));

test('a photo uploaded by the owner is served as a small square with no EXIF, publicly and with safe headers; a new one replaces it', async () => {
  const original = await photoWithGps(800, 500);
  const uploaded = await putPhoto('owner', team.cardio!, original);
  assert.equal(uploaded.status, 200);
  assert.equal(uploaded.body.member.photo, true);
  assert.equal(photoFiles(team.cardio!).length, 1);

  const response = await fetch(`${relay.url}${STAFF_PHOTO_PATH}/${team.cardio}`);
  assert.equal(response.status, 200);
  assert.equal(response.headers.get('content-type'), 'image/webp');
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
  assert.equal(response.headers.get('cross-origin-resource-policy'), 'cross-origin');
  assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
  assert.match(response.headers.get('cache-control') ?? '', /^public, max-age=\d+$/);
  const bytes = Buffer.from(await response.arrayBuffer());
  const meta = await sharp(bytes).metadata();
  assert.equal(meta.format, 'webp');
  assert.deepEqual([meta.width, meta.height], [STAFF_PHOTO_SIDE, STAFF_PHOTO_SIDE]);
  assert.equal(meta.exif, undefined, 'no EXIF survives');
  assert.ok(!bytes.includes(CAMERA_MAKE), 'no camera make survives');

  // Revalidation costs no body.
  const etag = response.headers.get('etag')!;
  assert.equal((await fetch(`${relay.url}${STAFF_PHOTO_PATH}/${team.cardio}`, { headers: { 'if-none-match': etag } })).status, 304);

  // The member replaces their own photo: one file stays, and the URL answers with the new one.
  assert.equal((await putPhoto('cardio', team.cardio!, await photoWithGps(300, 600))).status, 200);
  assert.equal(photoFiles(team.cardio!).length, 1, 'the replaced photo is deleted');
  const after = await fetch(`${relay.url}${STAFF_PHOTO_PATH}/${team.cardio}`);
  assert.notEqual(after.headers.get('etag'), etag);

  // And removes it: the file goes, and the URL answers with a transparent pixel.
  const { cookie } = await login(relay.url, email('cardio'), TEST_PASSWORD);
  const removed = await fetch(`${relay.url}${API_PREFIX}/staff/${team.cardio}/photo`, { method: 'DELETE', headers: { cookie, origin: relay.url } });
  assert.equal(removed.status, 200);
  assert.equal(((await removed.json()) as { member: { photo?: boolean } }).member.photo, undefined);
  assert.deepEqual(photoFiles(team.cardio!), []);
  const blank = await fetch(`${relay.url}${STAFF_PHOTO_PATH}/${team.cardio}`);
  assert.equal((await sharp(Buffer.from(await blank.arrayBuffer())).metadata()).width, 1);
});

test('only the member or the owner may set a photo, from the console’s origin, and only an image; refusals store nothing', async () => {
  const photo = await photoWithGps(200, 200);
  const cases: [string, StaffId, Buffer, string, number, string][] = [
    ['admin', team.derma!, photo, relay.url, 403, 'FORBIDDEN'],
    ['derma', team.derma!, photo, 'https://evil.example', 403, 'CSRF_REJECTED'],
    ['derma', team.derma!, MINIMAL_PDF, relay.url, 415, 'ATTACHMENT_TYPE'],
    ['derma', team.derma!, Buffer.from('not an image at all'), relay.url, 415, 'ATTACHMENT_TYPE'],
  ];
  for (const [who, staffId, body, origin, status, code] of cases) {
    const refused = await putPhoto(who, staffId, body, origin);
    assert.deepEqual([refused.status, refused.body.code], [status, code], `${who} → ${code}`);
  }
  assert.deepEqual(photoFiles(team.derma!), []);
  // A member without a photo gets a transparent pixel, never a broken image.
  const blank = await fetch(`${relay.url}${STAFF_PHOTO_PATH}/${team.derma}`);
  assert.equal(blank.status, 200);
  assert.equal((await sharp(Buffer.from(await blank.arrayBuffer())).metadata()).width, 1);
  assert.equal((await fetch(`${relay.url}${STAFF_PHOTO_PATH}/not-an-id`)).status, 400);
});

test('patients are offered only the doctors who accept chats, as cards with specialty and photo; a bad profile changes nothing', async () => {
  assert.equal((await putPhoto('cardio', team.cardio!, await photoWithGps(200, 200))).status, 200);
  const owner = await open.staff(email('owner'));
  const bad = await call(owner, 'staff:update', { staffId: team.cardio!, specialty: 'x'.repeat(81) });
  assert.equal(bad.error?.code, 'BAD_REQUEST');
  const { member } = await ok(owner, 'staff:update', { staffId: team.cardio!, specialty: 'Cardiologist' });
  assert.equal(member.specialty, 'Cardiologist');
  assert.equal(member.acceptsChats, true, 'a doctor accepts chats until the owner says otherwise');
  const off = await ok(owner, 'staff:update', { staffId: team.derma!, acceptsChats: false });
  assert.equal(off.member.acceptsChats, false);
  const colleague = await open.staff(email('admin'));
  assert.equal((await call(colleague, 'staff:update', { staffId: team.derma!, acceptsChats: true })).error?.code, 'FORBIDDEN');

  const patient = await open.patient({ siteKey: SITE });
  assert.deepEqual(patient.session.clinic.doctors, [{ id: team.cardio, name: 'Dr cardio', role: 'doctor', specialty: 'Cardiologist', photo: true }]);
  assert.equal((await call(patient.socket, 'thread:open', { kind: 'doctor', doctorId: team.derma! })).error?.code, 'NOT_FOUND');
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'doctor', doctorId: team.cardio! });
  assert.deepEqual(thread.doctor, { id: team.cardio, name: 'Dr cardio', role: 'doctor' }, 'the thread keeps who, not the card');
});
