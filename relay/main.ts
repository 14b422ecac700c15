/**
 * `npm start`: the relay with its Redis (a local redis-server when REDIS_URL is unset),
 * the demo clinic seeded, notices sent through SMTP_URL (or, when it is unset, caught by
 * a local mail catcher the owner reads in the console), and a clean exit on SIGTERM/SIGINT.
 *
 * With NODE_ENV=production (`npm run relay:prod`, which runs this file's bundle from
 * dist/relay/) there is no local Redis (REDIS_URL is required), no mail catcher and no
 * demo unless SEED_DEMO=true. Redis may be down at start: the relay listens anyway
 * (/readyz says 503) and seeds the demo, when asked to, once Redis answers.
 */
import { resolve } from 'node:path';
import closeWithGrace from 'close-with-grace';
import { ConfigError, loadConfig } from './config.ts';
import { SHUTDOWN_LIMIT_MS, startRelay } from './relay-server.ts';
import { createLogger } from './logger.ts';
import { useOrStartLocalRedis } from './store/local-redis-server.ts';
import { DEMO_STAFF, seedDemo } from './demo-seed.ts';
import { LINK_PATHS } from '../protocol/links.ts';

/** A Redis URL for the banner, without its password. */
function redactedUrl(raw: string): string {
  const url = new URL(raw);
  if (url.password) url.password = '***';
  return url.toString();
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`clinic-chat: configuration error: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const log = createLogger(config);
  const localRedis =
    config.redisUrl || config.redisCluster
      ? null
      : await useOrStartLocalRedis({ dir: resolve(config.dataDir, 'redis'), port: config.localRedisPort, appendfsync: config.appendfsync });
  const relay = await startRelay(config, config.redisCluster ?? config.redisUrl ?? localRedis!.url, log, {
    mailCatcher: !config.smtpUrl && !config.production,
  });
  // One owner for signals and crashes: SIGTERM/SIGINT (and an uncaught error) close the
  // relay once; a second signal or the time limit exits at once with a logged code.
  closeWithGrace(
    {
      delay: SHUTDOWN_LIMIT_MS,
      logger: false,
      onTimeout: () => log.error({ code: 'RELAY_ERR_SHUTDOWN_TIMEOUT' }, 'shutdown took too long'),
    },
    async ({ signal, err }) => {
      if (err) log.error({ code: 'RELAY_ERR_CRASH', err }, 'uncaught error; shutting down');
      else log.info({ signal }, 'shutting down');
      await relay.close();
      await localRedis?.stop();
    },
  );

  const password = config.seedDemo ? await relay.redisReady().then(() => seedDemo(relay.stores, relay.port, config.demoPassword)) : null;

  const lines = [
    '',
    `clinic-chat relay is up at ${relay.url}${config.production ? ' (production)' : ''}`,
    ...(config.seedDemo ? [`  demo clinic site  ${relay.url}/`] : []),
    `  staff console     ${relay.url}/console/`,
    `  widget script     ${relay.url}/widget.js`,
    localRedis
      ? `  redis             ${localRedis.url} (data in ${resolve(config.dataDir, 'redis')}, appendfsync ${config.appendfsync})`
      : config.redisCluster
        ? `  redis             cluster of ${config.redisCluster.nodes.join(', ')}`
        : `  redis             ${redactedUrl(config.redisUrl!)}`,
  ];
  lines.push(
    relay.mailCatcher
      ? `  notices           local mail catcher — read them at ${relay.publicUrl}${LINK_PATHS.consoleOutbox()}`
      : !config.smtpUrl
        ? '  notices           off (SMTP_URL is unset)'
        : `  notices           e-mail through SMTP_URL${config.smsWebhookUrl ? ', SMS through SMS_WEBHOOK_URL' : ' (no SMS: SMS_WEBHOOK_URL is unset)'}`,
  );
  if (password) {
    lines.push(`  demo staff        ${DEMO_STAFF.map((s) => s.email).join(', ')}`);
    lines.push(`  demo password     ${config.demoPassword ? '(from DEMO_PASSWORD)' : password}`);
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((error: unknown) => {
  // Before the logger exists (or before the relay is up): one line, no patient data can be here yet.
  console.error(`clinic-chat: failed to start (RELAY_ERR_START): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
