/**
 * A real Redis and a real relay for a test: started on free ports with temporary
 * data, stopped by `t.after`-style cleanup the caller registers.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { Writable } from 'node:stream';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.ts';
import { SHUTDOWN_LIMIT_MS, startRelay, type Relay, type RelayOptions } from '../relay-server.ts';
import { createLogger } from '../logger.ts';
import { seedDemo } from '../demo-seed.ts';
import { startLocalRedis, type LocalRedis } from '../store/local-redis-server.ts';

export const TEST_PASSWORD = 'test-password-123';

export async function startTestRedis(): Promise<LocalRedis & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'clinic-chat-redis-'));
  const redis = await startLocalRedis({ dir, allowDebug: true });
  return {
    ...redis,
    dir,
    async stop() {
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface TestRelay extends Relay {
  password: string;
  redis: LocalRedis;
  stop(): Promise<void>;
}

/** Redis + relay (+ the demo clinic). Pass `redis` to share one Redis between relays. */
export async function startTestRelay(options: { env?: Record<string, string>; redis?: LocalRedis; relay?: RelayOptions } = {}): Promise<TestRelay> {
  const redis = options.redis ?? (await startTestRedis());
  const config = loadConfig({ PORT: '0', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...options.env });
  // Like `npm start`: without SMTP_URL, notices go to the local mail catcher (the console's outbox).
  const relay = await startRelay(config, redis.url, createLogger(config), { mailCatcher: !config.smtpUrl, ...options.relay });
  const password = await seedDemo(relay.stores, relay.port, TEST_PASSWORD);
  return {
    ...relay,
    password,
    redis,
    async stop() {
      // Bounded as main.ts bounds a SIGTERM: a close that hangs (it did in browser runs until
      // the HTTP connections were closed for good; relay/README.md "Shutdown") is reported and left.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<false>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_LIMIT_MS, false)));
      const closed = await Promise.race([relay.close().then(() => true), late]);
      clearTimeout(timer);
      if (!closed) process.stderr.write(`test relay on port ${relay.port}: close did not finish within ${SHUTDOWN_LIMIT_MS} ms\n`);
      if (!options.redis) await redis.stop();
    },
  };
}

/** A log destination that keeps every line, for tests that search the logs for what must never be there. */
export function logSink(): { stream: Writable; logged(): string } {
  let logged = '';
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logged += chunk.toString();
      done();
    },
  });
  return { stream, logged: () => logged };
}
