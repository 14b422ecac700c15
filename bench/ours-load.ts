/**
 * Connects the load for our relay. One admin would hear every general thread of a
 * clinic, so each patient is paired with its own doctor instead: patient i opens a
 * doctor chat with doctor i, and that thread's live messages reach exactly doctor i's
 * socket (room `staff:<id>`).
 *
 * Where the doctors work (BENCH_PAIRING):
 * - `clinics` (default): clinic `bench-<i>` with one doctor each, the shape of a relay
 *   serving many small clinics. Every clinic allows the relay's own origin.
 * - `demo`: all doctors in the demo clinic. Every visitor's `session` event then lists
 *   all of them (about 90 bytes each), which dominates connection cost and memory.
 *
 * Doctors are made in Redis through the relay's stores. Hashing 2,000 passwords with
 * scrypt would take minutes and the API allows 300 requests per minute per IP, so one
 * doctor is created and signed in the real way (store + HTTP login) and the others are
 * copies of its record with sessions from the session store.
 */
import type { ClientMessageId, StaffId, ThreadId } from '../protocol/ids.ts';
import { SESSION_COOKIE } from '../protocol/http.ts';
import type { Message } from '../protocol/model.ts';
import { DEMO_SITE_KEY } from '../relay/demo-seed.ts';
import { keys } from '../relay/store/keys.ts';
import { newEntityId } from '../relay/store/random-ids.ts';
import { connectRedis, type RelayRedis } from '../relay/store/redis-client.ts';
import { createStores, type Stores } from '../relay/store/stores.ts';
import type { Clinic } from '../relay/store/clinic-store.ts';
import type { Staff } from '../relay/store/staff-store.ts';
import { connectStaffWithCookie, connectVisitor, login, ok, type VisitorSocket } from '../relay/testing/clients.ts';
import { createSocketPool, type Load, type Pair } from './load-phases.ts';
import { measureResume, type ResumeFigures } from './resume-probe.ts';
import { mapLimited } from './limited-concurrency.ts';

const DOCTOR_PASSWORD = 'bench-doctor-password';
const SESSION_TTL_SECONDS = 60 * 60;
/** Doctor records written per Redis round trip. */
const WRITE_BATCH = 500;

const doctorEmail = (i: number) => `bench-doctor-${i}@bench.invalid`;

export type Pairing = 'clinics' | 'demo';

interface Doctor {
  id: StaffId;
  cookie: string;
  siteKey: string;
}

const benchSiteKey = (i: number) => `bench-${i}`;

/** The clinic each doctor (and its patient) belongs to, by index. */
async function clinicsFor(stores: Stores, url: string, count: number, pairing: Pairing): Promise<Clinic[]> {
  if (pairing === 'demo') {
    const demo = await stores.clinics.getBySiteKey(DEMO_SITE_KEY);
    if (!demo) throw new Error('the relay did not seed the demo clinic');
    return Array.from({ length: count }, () => demo);
  }
  const clinics: Clinic[] = [];
  for (let start = 0; start < count; start += WRITE_BATCH) {
    const batch = Array.from({ length: Math.min(WRITE_BATCH, count - start) }, (_, j) =>
      stores.clinics.create({
        siteKey: benchSiteKey(start + j),
        name: `Bench clinic ${start + j}`,
        greeting: 'Hello',
        locale: 'en',
        origins: [url],
        bookingUrl: null,
        officeHours: null,
      }),
    );
    clinics.push(...(await Promise.all(batch)));
  }
  return clinics;
}

/** Creates `count` doctors and returns each with a session cookie and its clinic's site key. */
async function createDoctors(stores: Stores, redis: RelayRedis, url: string, count: number, pairing: Pairing): Promise<Doctor[]> {
  const clinics = await clinicsFor(stores, url, count, pairing);
  const template = await stores.staff.create({
    clinicId: clinics[0]!.id,
    email: doctorEmail(0),
    name: 'Dr. Bench 0',
    role: 'doctor',
    password: DOCTOR_PASSWORD,
  });
  const { cookie } = await login(url, template.email, DOCTOR_PASSWORD);
  const record = await redis.hgetall(keys.staff(template.id));

  const copies: Staff[] = [];
  for (let i = 1; i < count; i += 1) {
    copies.push({ ...template, id: newEntityId<StaffId>(), clinicId: clinics[i]!.id, email: doctorEmail(i), name: `Dr. Bench ${i}` });
  }
  for (let start = 0; start < copies.length; start += WRITE_BATCH) {
    const multi = redis.multi();
    for (const staff of copies.slice(start, start + WRITE_BATCH)) {
      multi
        .set(keys.staffByEmail(staff.email), staff.id, 'NX')
        .hset(keys.staff(staff.id), { ...record, id: staff.id, clinicId: staff.clinicId, email: staff.email, name: staff.name })
        .sadd(keys.clinicStaff(staff.clinicId), staff.id);
    }
    await multi.exec();
  }
  // The copies must read back exactly like a record the store wrote itself.
  const last = copies.at(-1);
  if (last) {
    const read = await stores.staff.get(last.id);
    if (JSON.stringify(read) !== JSON.stringify(last)) throw new Error(`a copied doctor reads back as ${JSON.stringify(read)}`);
  }

  const doctors: Doctor[] = [{ id: template.id, cookie, siteKey: clinics[0]!.siteKey }];
  for (const [i, staff] of copies.entries()) {
    const { token } = await stores.sessions.create(staff.id, staff.clinicId);
    doctors.push({ id: staff.id, cookie: `${SESSION_COOKIE}=${token}`, siteKey: clinics[i + 1]!.siteKey });
  }
  return doctors;
}

export async function connectOurLoad(
  url: string,
  redisUrl: string,
  connections: number,
  concurrency: number,
  pairing: Pairing,
  progress: (what: string, done: number) => void,
): Promise<Load & { sockets: number; resume(): Promise<ResumeFigures> }> {
  const redis = connectRedis(redisUrl);
  const stores = createStores(redis, { sessionTtlSeconds: SESSION_TTL_SECONDS, threadMaxMessages: 0 });
  const pool = createSocketPool();
  try {
    const doctors = await createDoctors(stores, redis, url, connections, pairing);
    progress('doctors created', doctors.length);

    await mapLimited(
      doctors,
      concurrency,
      async (doctor) => {
        const socket = pool.add(await connectStaffWithCookie(url, doctor.cookie));
        socket.on('message', (message: Message) => {
          if ('clientId' in message) pool.delivered(message.clientId);
        });
      },
      (done) => progress('doctors', done),
    );

    let resumeTarget: { socket: VisitorSocket; threadId: ThreadId } | null = null;
    const pairs = await mapLimited(
      doctors,
      concurrency,
      async (doctor): Promise<Pair> => {
        const socket = pool.add((await connectVisitor(url, { siteKey: doctor.siteKey })).socket);
        const { thread } = await ok(socket, 'thread:open', { kind: 'doctor', doctorId: doctor.id });
        const threadId: ThreadId = thread.id;
        resumeTarget ??= { socket, threadId };
        return {
          send(clientId, text, acked) {
            socket.emit('message:send', { threadId, clientId: clientId as ClientMessageId, text }, (result) => acked(!result.error));
          },
        };
      },
      (done) => progress('patients', done),
    );
    const target = resumeTarget!;
    return {
      ...pool.load(pairs),
      async resume() {
        // Its own connection: the one above is closed once the load is connected.
        const probe = connectRedis(redisUrl);
        try {
          return await measureResume(createStores(probe, { sessionTtlSeconds: SESSION_TTL_SECONDS, threadMaxMessages: 0 }), target.socket, target.threadId);
        } finally {
          await probe.quit();
        }
      },
    };
  } catch (error) {
    pool.closeAll();
    throw error;
  } finally {
    await redis.quit();
  }
}
