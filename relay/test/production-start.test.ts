/**
 * The production start (`npm run relay:prod`, NODE_ENV=production): the prebuilt relay
 * bundle runs on plain Node with production dependencies only, starts quickly, seeds and
 * serves no demo unless SEED_DEMO=true, and refuses to start without REDIS_URL.
 *
 * "Production dependencies only" is checked against package-lock.json rather than by a
 * fresh `npm ci --omit=dev` into a copy: that install downloads ~270 packages (minutes,
 * and the network) on every run, while npm decides what `--omit=dev` leaves out from the
 * lock's `dev` flags, which the test reads. Both ways in which a development dependency
 * could be needed are checked: what esbuild put into the bundle (its metafile) and what
 * the running bundle resolves from node_modules (a module resolve hook).
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildRelay } from '../../scripts/build-relay.mjs';
import { startTestRedis, TEST_PASSWORD } from '../testing/harness.ts';
import { connectStaff, connectVisitor, ok } from '../testing/clients.ts';
import { freePort, type LocalRedis } from '../store/local-redis-server.ts';
import { newClientMessageId } from '../../protocol/ids.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
/**
 * The goal is under 2 s (issue 14) on an idle 2-core machine; the test machines run many
 * suites at once, so the test fails only past this and reports the measured time.
 */
const START_LIMIT_MS = 6_000;
/** Development dependencies the relay may import on demand: the local mail catcher's, never run in production. */
const DEV_ON_DEMAND = ['mailparser', 'smtp-server'];

interface LockEntry {
  dev?: boolean;
}
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };

/** The installed package a path inside node_modules belongs to (`node_modules/a/node_modules/@b/c`), as the lock names it. */
function lockKey(path: string): string | null {
  const match = path.match(/^(.*node_modules\/(?:@[^/]+\/)?[^/]+)/);
  return match ? match[1]!.slice(match[1]!.indexOf('node_modules/')) : null;
}
const devOnly = (key: string) => lock.packages[key]?.dev === true;
const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

let workDir: string;
let bundle: string;
let metafile: Awaited<ReturnType<typeof buildRelay>>['metafile'];
let redis: LocalRedis;

before(async () => {
  // Inside the checkout, as dist/relay is: the bundle's external packages resolve from node_modules.
  mkdirSync(join(root, '.data'), { recursive: true });
  workDir = mkdtempSync(join(root, '.data', 'production-start-'));
  ({ metafile } = await buildRelay({ outdir: join(workDir, 'relay') }));
  bundle = join(workDir, 'relay', 'main.mjs');
  redis = await startTestRedis();
});
after(async () => {
  await redis?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

test('the relay bundle holds and imports no development dependency (only the mail catcher loads two, on demand)', () => {
  const bundled = new Set(Object.keys(metafile.inputs).flatMap((input) => lockKey(input) ?? []));
  assert.ok(bundled.has('node_modules/fastify'), 'npm packages are bundled');
  assert.deepEqual([...bundled].filter(devOnly), []);

  const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
  const external = Object.values(metafile.outputs).flatMap((output) => output.imports.filter((entry) => entry.external && !builtins.has(entry.path)));
  const dev = external.filter((entry) => devOnly(`node_modules/${packageName(entry.path)}`));
  // The mail catcher's packages by dynamic import only; debug's optional `supports-color`
  // is a require inside a try/catch, which a production install answers with "not found".
  assert.deepEqual([...new Set(dev.map((entry) => packageName(entry.path)))].sort(), [...DEV_ON_DEMAND, 'supports-color']);
  assert.deepEqual(
    dev.filter((entry) => DEV_ON_DEMAND.includes(packageName(entry.path)) && entry.kind !== 'dynamic-import'),
    [],
  );
});

interface Started {
  url: string;
  ms: number;
  /** node_modules paths the process resolved. */
  resolved(): string[];
  stop(): Promise<number | null>;
}

/** Runs the bundle as `npm run relay:prod` does, recording every module it resolves. */
async function startBundle(t: { after(fn: () => unknown): void }, env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const record = join(workDir, `resolved-${port}.txt`);
  const hooks = join(workDir, `hooks-${port}.mjs`);
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (result.url.includes('/node_modules/')) appendFileSync(${JSON.stringify(record)}, result.url + '\\n');
  return result;
}`,
  );
  const register = `import { register } from 'node:module'; register(${JSON.stringify(pathToFileURL(hooks).href)});`;
  const startedAt = performance.now();
  const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(register)}`, bundle], {
    cwd: root,
    env: { PATH: process.env.PATH, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  t.after(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  let output = '';
  const exited = once(child, 'exit') as Promise<[number | null]>;
  await new Promise<void>((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('clinic-chat relay is up')) resolve();
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    void exited.then(([code]) => reject(new Error(`the bundle exited with ${code}:\n${output}`)));
  });
  const ms = Math.round(performance.now() - startedAt);
  return {
    url: `http://127.0.0.1:${port}`,
    ms,
    // Everything but the external packages is in the bundle: often nothing at all is resolved.
    resolved: () => (existsSync(record) ? readFileSync(record, 'utf8').trim().split('\n').filter(Boolean) : []),
    async stop() {
      child.kill('SIGTERM');
      return (await exited)[0];
    },
  };
}

test('NODE_ENV=production runs the bundle on production dependencies: staff sign in, a patient writes, nothing from devDependencies is loaded', async (t) => {
  const relay = await startBundle(t, { REDIS_URL: `${redis.url}/1`, SEED_DEMO: 'true', DEMO_PASSWORD: TEST_PASSWORD });

  assert.equal((await fetch(`${relay.url}/readyz`)).status, 200);
  const staff = await connectStaff(relay.url, 'admin@demo.clinic', TEST_PASSWORD);
  t.after(() => staff.close());
  const patient = await connectVisitor(relay.url);
  t.after(() => patient.socket.close());
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  // The append schedules the staff alert on BullMQ, whose scripts are in the bundle too.
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: 'from the bundle' });
  assert.equal(await relay.stop(), 0);

  const loaded = [...new Set(relay.resolved().flatMap((url) => lockKey(fileURLToPath(url).slice(root.length)) ?? []))];
  assert.deepEqual(
    loaded.filter((key) => devOnly(key) || !lock.packages[key]),
    [],
  );
  assert.ok(!loaded.includes('node_modules/tsx'), 'no tsx at run time');
});

test('a production start is quick, seeds no demo and serves no demo site unless SEED_DEMO=true', async (t) => {
  const relay = await startBundle(t, { REDIS_URL: `${redis.url}/2` });
  t.diagnostic(`production start: ${relay.ms} ms from spawn to the start-up banner (goal < 2000 ms on an idle machine)`);
  assert.ok(relay.ms < START_LIMIT_MS, `started in ${relay.ms} ms`);
  assert.equal((await fetch(`${relay.url}/`)).status, 404);
  await assert.rejects(connectVisitor(relay.url), (error: Error & { data?: { code?: string } }) => error.data?.code === 'SITE_KEY_UNKNOWN');
  assert.equal(await relay.stop(), 0);
});

test('a production start without REDIS_URL refuses with a message naming it and exit code 2', async () => {
  const child = spawn(process.execPath, [bundle], { cwd: root, env: { PATH: process.env.PATH, NODE_ENV: 'production' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  assert.equal(code, 2);
  assert.match(stderr, /configuration error: REDIS_URL/);
});
