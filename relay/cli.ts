/**
 * The operator's CLI: `npm run relay -- <command>`.
 *
 *   clinic create --name "Клиника" --origin https://clinic.example [--origin …] [--site-key k]
 *                 [--greeting "…"] [--locale ru|en] [--booking-url https://…]
 *   clinic list
 *   staff add --clinic <site key> --email a@b.c --role owner|admin|doctor|complaints|head [--name "…"]
 *             (the password is read from stdin when piped, otherwise generated and printed)
 *   staff list --clinic <site key>
 *   clinic api-key --clinic <site key or id> [--revoke <key id>]   (the new key alone on the last line)
 *   clinic webhook --clinic <site key or id> --url https://…         (the signing secret alone on the last line)
 *
 * Creating goes through the same admin service as the owner's console, so the CLI
 * refuses exactly what the socket API refuses. It uses REDIS_URL, or the local Redis
 * `npm start` runs (starting it for the command when it is not running).
 */
import { once } from 'node:events';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ROLES } from '../protocol/model.ts';
import type { ClinicId } from '../protocol/ids.ts';
import { createClinicAdmin, type ClinicAdmin } from './admin/clinic-admin.ts';
import { createIntegrationAdmin } from './admin/integration-admin.ts';
import { ConfigError, loadConfig } from './config.ts';
import { ClientError, RelayError } from './errors.ts';
import { connectTo } from './store/redis-client.ts';
import { useOrStartLocalRedis } from './store/local-redis-server.ts';
import { createStores, type Stores } from './store/stores.ts';

const USAGE = `usage:
  npm run relay -- clinic create --name NAME --origin URL [--origin URL…] [--site-key KEY] [--greeting TEXT] [--locale ru|en] [--booking-url URL]
  npm run relay -- clinic list
  npm run relay -- staff add --clinic SITE_KEY --email EMAIL --role ${ROLES.join('|')} [--name NAME]
  npm run relay -- staff list --clinic SITE_KEY
  npm run relay -- clinic api-key --clinic SITE_KEY|ID [--revoke KEY_ID]
  npm run relay -- clinic webhook --clinic SITE_KEY|ID --url URL`;

/** Which option (or input) a refused field came from, by the first segment of its schema path. */
const FIELD_SOURCES: Record<string, string> = {
  name: '--name',
  origins: '--origin',
  siteKey: '--site-key',
  greeting: '--greeting',
  locale: '--locale',
  bookingUrl: '--booking-url',
  email: '--email',
  role: '--role',
  url: '--url',
  keyId: '--revoke',
  password: 'the password from stdin',
};

const usage = (problem: string) => new RelayError('RELAY_ERR_CLI_USAGE', problem);

/** A refusal from the admin service, worded for the command line. */
function describeRefusal(error: ClientError): string {
  const { path, reason } = (error.data ?? {}) as { path?: string; reason?: string };
  const field = path?.split('/')[1];
  const source = field ? (FIELD_SOURCES[field] ?? field) : null;
  return source ? `${source}: ${reason ?? error.message}` : error.toProtocol().message;
}

async function readStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text || null;
}

async function run(stores: Stores, admin: ClinicAdmin, argv: string[]): Promise<void> {
  const [area, action, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      'name': { type: 'string' },
      'origin': { type: 'string', multiple: true },
      'site-key': { type: 'string' },
      'greeting': { type: 'string' },
      'locale': { type: 'string' },
      'booking-url': { type: 'string' },
      'clinic': { type: 'string' },
      'email': { type: 'string' },
      'role': { type: 'string' },
      'revoke': { type: 'string' },
      'url': { type: 'string' },
    },
    strict: true,
  });
  const command = `${area} ${action}`;

  if (command === 'clinic create') {
    if (!values.name) throw usage('--name is required');
    if (!values.origin?.length) throw usage('at least one --origin is required');
    const clinic = await admin.createClinic({
      name: values.name,
      origins: values.origin,
      siteKey: values['site-key'],
      greeting: values.greeting,
      locale: values.locale,
      bookingUrl: values['booking-url'],
    });
    console.log(`clinic created: ${clinic.name}\n  site key: ${clinic.siteKey}\n  origins:  ${clinic.origins.join(', ')}`);
    console.log(`  embed:    <script src="https://YOUR-RELAY/widget.js" data-site-key="${clinic.siteKey}" async></script>`);
    return;
  }
  if (command === 'clinic list') {
    for (const clinic of await stores.clinics.list()) console.log(`${clinic.siteKey}\t${clinic.name}\t${clinic.origins.join(' ')}`);
    return;
  }
  if (command === 'clinic api-key' || command === 'clinic webhook') {
    if (!values.clinic) throw usage('--clinic SITE_KEY or ID is required');
    const clinic = (await stores.clinics.getBySiteKey(values.clinic)) ?? (await stores.clinics.get(values.clinic as ClinicId));
    if (!clinic) throw usage(`no clinic with site key or id ${values.clinic}`);
    const integration = createIntegrationAdmin(stores);
    if (command === 'clinic webhook') {
      if (!values.url) throw usage('--url is required');
      const secret = await integration.setWebhook(clinic.id, values.url);
      console.log(`webhook set for ${clinic.name}; events are signed with this secret (shown once):`);
      console.log(secret);
      return;
    }
    if (values.revoke) {
      await integration.revokeApiKey(clinic.id, values.revoke);
      console.log(`API key ${values.revoke} of ${clinic.name} revoked`);
      return;
    }
    const { keyId, key } = await integration.createApiKey(clinic.id);
    console.log(`API key ${keyId} created for ${clinic.name}; it is shown once:`);
    console.log(key);
    return;
  }
  if (command === 'staff add' || command === 'staff list') {
    if (!values.clinic) throw usage('--clinic SITE_KEY is required');
    const clinic = await stores.clinics.getBySiteKey(values.clinic);
    if (!clinic) throw usage(`no clinic with site key ${values.clinic}`);
    if (command === 'staff list') {
      for (const member of await admin.listStaff(clinic.id)) console.log(`${member.email}\t${member.role}\t${member.name}`);
      return;
    }
    if (!values.email) throw usage('--email is required');
    const given = await readStdin();
    const { member, password } = await admin.addStaff(
      clinic.id,
      { email: values.email, name: values.name ?? values.email.split('@')[0], role: values.role },
      given ?? undefined,
    );
    console.log(`staff added: ${member.email} (${member.role}) to ${clinic.name}`);
    if (given === null) console.log(`  password: ${password}`);
    return;
  }
  throw usage(`unknown command "${command}"`);
}

async function main(): Promise<number> {
  const config = loadConfig();
  // Without REDIS_URL: the Redis `npm start` runs, or the same data started for this command.
  const local =
    config.redisUrl || config.redisCluster
      ? null
      : await useOrStartLocalRedis({ dir: resolve(config.dataDir, 'redis'), port: config.localRedisPort, appendfsync: config.appendfsync });
  const redis = connectTo(config.redisCluster ?? config.redisUrl ?? local!.url);
  try {
    // A cluster client refuses commands until it knows the slots (one Redis queues them); an unreachable cluster fails here.
    if (config.redisCluster) await once(redis, 'ready');
    const stores = createStores(redis, config);
    await run(stores, createClinicAdmin(stores), process.argv.slice(2));
    return 0;
  } finally {
    await redis.quit();
    await local?.stop();
  }
}

/** Mistakes in what the operator typed: named, with the usage, and exit code 2. */
function operatorMistake(error: unknown): string | null {
  if (error instanceof ClientError) return describeRefusal(error);
  if (error instanceof ConfigError || (error instanceof RelayError && error.code === 'RELAY_ERR_CLI_USAGE')) return error.message;
  // node:util's parseArgs refuses unknown options and missing values with these codes.
  if (String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) return (error as Error).message;
  return null;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const mistake = operatorMistake(error);
    if (mistake !== null) {
      console.error(`clinic-chat: ${mistake}\n\n${USAGE}`);
      process.exit(2);
    }
    console.error('clinic-chat: failed:', error);
    process.exit(1);
  },
);
