/**
 * deploy/nginx/ as shipped, in Debian's real nginx, in front of two relays
 * (RELAY_ADAPTER=redis-streams, TRUST_PROXY=true; one with PUBLIC_URL = nginx's origin, one
 * without, relying on X-Forwarded-Host): staff sign in and connect through it although
 * nginx rewrites Host to the upstream's name (on both relays: nginx alternates), a
 * patient's message crosses it both ways over WebSocket, the pre-compressed bundles pass
 * through untouched, and /metrics is not reachable from outside. Plain http: the TLS
 * server block is documented in deploy/README.md, the proxying is what is tested here.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { startRelay, type Relay } from '../relay-server.ts';
import { seedDemo } from '../demo-seed.ts';
import { startTestRedis, TEST_PASSWORD } from '../testing/harness.ts';
import { connectStaffWithCookie, connectVisitor, nextEvent, ok } from '../testing/clients.ts';
import { freePort, stopProcess, type LocalRedis } from '../store/local-redis-server.ts';
import { API_PREFIX, SESSION_COOKIE } from '../../protocol/http.ts';
import { newClientMessageId } from '../../protocol/ids.ts';
import type { Message } from '../../protocol/model.ts';

const deploy = fileURLToPath(new URL('../../deploy/nginx/', import.meta.url));
const NGINX_START_TIMEOUT_MS = 10_000;

let redis: LocalRedis;
let relays: Relay[] = [];
let nginx: ChildProcess;
let dir: string;
let publicUrl: string;

async function startNginx(port: number, upstreamPorts: number[]): Promise<void> {
  dir = mkdtempSync(join(tmpdir(), 'clinic-chat-nginx-'));
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${dir}/client-body;
  proxy_temp_path ${dir}/proxy;
  include ${deploy}clinic-chat-upgrade-map.conf;
  # Round robin, unlike the shipped hash: both relays take requests from this one address.
  upstream clinic_chat {
${upstreamPorts.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
    keepalive 8;
  }
  server {
    listen 127.0.0.1:${port};
    include ${deploy}clinic-chat-proxy.conf;
  }
}
`,
  );
  nginx = spawn('nginx', ['-p', dir, '-c', conf, '-e', `${dir}/error.log`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  nginx.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + NGINX_START_TIMEOUT_MS;
  // nginx has no readiness signal but its port: ask /healthz through it until a relay answers.
  while (
    !(await fetch(`${url}/healthz`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (nginx.exitCode !== null || Date.now() > deadline) throw new Error(`nginx did not start: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

before(async () => {
  redis = await startTestRedis();
  const nginxPort = await freePort();
  publicUrl = `http://127.0.0.1:${nginxPort}`;
  const env = { PORT: '0', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', RELAY_ADAPTER: 'redis-streams', TRUST_PROXY: 'true' };
  for (const config of [loadConfig({ ...env, PUBLIC_URL: publicUrl }), loadConfig(env)]) {
    relays.push(await startRelay(config, redis.url, createLogger(config)));
  }
  await seedDemo(relays[0]!.stores, relays[0]!.port, TEST_PASSWORD);
  // PUBLIC_URL names nginx's port before nginx runs: freePort gave it back, nginx takes it again.
  await startNginx(
    nginxPort,
    relays.map((relay) => relay.port),
  );
});

after(async () => {
  if (nginx) await stopProcess(nginx);
  await Promise.all(relays.map((relay) => relay.close()));
  await redis?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function signIn(): Promise<string> {
  const response = await fetch(`${publicUrl}${API_PREFIX}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'origin': publicUrl },
    body: JSON.stringify({ email: 'admin@demo.clinic', password: TEST_PASSWORD }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const token = (response.headers.get('set-cookie') ?? '').match(new RegExp(`${SESSION_COOKIE}=([^;]+)`))?.[1];
  assert.ok(token);
  return `${SESSION_COOKIE}=${token}`;
}

test('staff sign in and connect through nginx (Host rewritten to the upstream), and a patient message crosses it both ways', async (t) => {
  // Round robin: two sign-ins and two sockets reach both relays, with and without PUBLIC_URL.
  const cookies = [await signIn(), await signIn()];
  const sockets = await Promise.all(cookies.map((cookie) => connectStaffWithCookie(publicUrl, cookie, publicUrl)));
  t.after(() => sockets.forEach((socket) => socket.close()));
  const staff = sockets[0]!;

  // The clinic site's origin (the demo clinic allows its relay's own); nginx's is PUBLIC_URL's.
  const patient = await connectVisitor(publicUrl, { origin: relays[0]!.url });
  t.after(() => patient.socket.close());
  const { thread } = await ok(patient.socket, 'thread:open', { kind: 'general' });
  const seen = nextEvent<Message>(staff, 'message', (message) => message.threadId === thread.id);
  await ok(patient.socket, 'message:send', { threadId: thread.id, clientId: newClientMessageId(), text: 'through nginx' });
  assert.equal((await seen).threadId, thread.id);
});

test('a cross-site sign-in through nginx is still refused', async () => {
  const response = await fetch(`${publicUrl}${API_PREFIX}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'origin': 'https://evil.example' },
    body: JSON.stringify({ email: 'admin@demo.clinic', password: TEST_PASSWORD }),
  });
  assert.equal(response.status, 403);
  assert.equal(((await response.json()) as { code: string }).code, 'CSRF_REJECTED');
});

test("the widget's pre-compressed bytes pass through nginx as built, with Vary: Accept-Encoding", async () => {
  const direct = await fetch(`${relays[0]!.url}/widget.js`, { headers: { 'accept-encoding': 'identity' } });
  const response = await fetch(`${publicUrl}/widget.js`, { headers: { 'accept-encoding': 'br' } });
  assert.equal(response.headers.get('content-encoding'), 'br');
  assert.match(response.headers.get('vary') ?? '', /accept-encoding/i);
  // fetch decodes brotli itself; compare with the identity body the relay serves directly.
  assert.equal(await response.text(), await direct.text());
});

test('/metrics is refused by nginx (the scraper reaches a relay directly)', async () => {
  assert.equal((await fetch(`${publicUrl}/metrics`)).status, 403);
  assert.equal((await fetch(`${relays[0]!.url}/metrics`)).status, 200);
});
