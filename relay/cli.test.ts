import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { fileURLToPath } from 'node:url';
import { startTestRedis, startTestRelay } from './testing/harness.ts';
import { login } from './testing/clients.ts';
import type { LocalRedis } from './store/local-redis-server.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
let redis: LocalRedis;
before(async () => {
  redis = await startTestRedis();
});
after(async () => {
  await redis.stop();
});

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'relay/cli.ts', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: { ...process.env, REDIS_URL: redis.url },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

test('an operator creates a clinic and a staff member who can then sign in', async () => {
  const created = cli(['clinic', 'create', '--name', 'Клиника Тест', '--origin', 'https://clinic.example', '--site-key', 'test-clinic']);
  assert.equal(created.code, 0, created.err);
  assert.match(created.out, /site key: test-clinic/);
  assert.match(cli(['clinic', 'list']).out, /^test-clinic\tКлиника Тест\thttps:\/\/clinic\.example$/m);

  const added = cli(
    ['staff', 'add', '--clinic', 'test-clinic', '--email', 'Doc@Clinic.Example', '--role', 'doctor', '--name', 'Dr. Test'],
    'a-long-password-1\n',
  );
  assert.equal(added.code, 0, added.err);
  assert.doesNotMatch(added.out, /password/);
  const generated = cli(['staff', 'add', '--clinic', 'test-clinic', '--email', 'admin@clinic.example', '--role', 'admin'], '');
  const password = generated.out.match(/password: (\S+)/)?.[1];
  assert.ok(password, generated.out);

  const relay = await startTestRelay({ redis });
  try {
    assert.equal((await login(relay.url, 'doc@clinic.example', 'a-long-password-1')).me.staff.role, 'doctor');
    assert.equal((await login(relay.url, 'admin@clinic.example', password)).me.clinic.name, 'Клиника Тест');
  } finally {
    await relay.stop();
  }
});

test('bad arguments get a message naming the problem, exit code 2, and change nothing', () => {
  const before = cli(['clinic', 'list']).out;
  for (const args of [
    ['clinic', 'create', '--origin', 'https://x.example'],
    ['clinic', 'create', '--name', 'X', '--origin', 'https://x.example/path'],
    ['clinic', 'create', '--name', 'X', '--origin', 'https://x.example', '--site-key', 'Bad Key'],
    ['staff', 'add', '--clinic', 'no-such-clinic', '--email', 'a@b.c', '--role', 'admin'],
    ['staff', 'add', '--clinic', 'test-clinic', '--email', 'a@b.c', '--role', 'janitor'],
    ['clinic', 'explode'],
    ['clinic', 'list', '--unknown-flag'],
  ]) {
    const result = cli(args, '');
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.err}`);
    assert.match(result.err, /^clinic-chat: .+\n\nusage:/);
  }
  assert.equal(cli(['clinic', 'list']).out, before);
});

test('the CLI refuses what the socket API refuses: a javascript: booking URL is named, exits 2 and stores nothing', async () => {
  const client = new Redis(redis.url);
  try {
    const keys = await client.dbsize();
    const refused = cli(['clinic', 'create', '--name', 'Evil', '--origin', 'https://evil.example', '--booking-url', 'javascript:alert(1)']);
    assert.equal(refused.code, 2, refused.err);
    assert.match(refused.err, /^clinic-chat: --booking-url: Expected string to match '\^https\?:\/\/'\n\nusage:/);
    const badLocale = cli(['clinic', 'create', '--name', 'X', '--origin', 'https://x.example', '--locale', 'de']);
    assert.equal(badLocale.code, 2);
    assert.match(badLocale.err, /^clinic-chat: --locale: Expected one of "ru", "en"/);
    assert.equal(await client.dbsize(), keys);
  } finally {
    client.disconnect();
  }
});
