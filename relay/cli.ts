/**
 * The operator's CLI: `npm run relay -- <command>`.
 *
 *   clinic create --name "Клиника" --origin https://clinic.example [--origin …] [--site-key k]
 *                 [--greeting "…"] [--locale ru|en] [--booking-url https://…]
 *   clinic list
 *   staff add --clinic <site key> --email a@b.c --role owner|admin|doctor|complaints|head [--name "…"]
 *             (the password is read from stdin when piped, otherwise generated and printed)
 *   staff list --clinic <site key>
 *
 * It uses REDIS_URL, or the local Redis `npm start` runs (starting it for the command
 * when it is not running).
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ID_PATTERNS, LIMITS } from '../protocol/limits.ts';
import { ROLES, type Role } from '../protocol/model.ts';
import { ConfigError, loadConfig } from './config.ts';
import { connectRedis } from './store/redis-client.ts';
import { useOrStartLocalRedis } from './store/local-redis-server.ts';
import { createStores, type Stores } from './store/stores.ts';

class UsageError extends Error {
  readonly code = 'RELAY_ERR_CLI_USAGE';
}

const USAGE = `usage:
  npm run relay -- clinic create --name NAME --origin URL [--origin URL…] [--site-key KEY] [--greeting TEXT] [--locale ru|en] [--booking-url URL]
  npm run relay -- clinic list
  npm run relay -- staff add --clinic SITE_KEY --email EMAIL --role ${ROLES.join('|')} [--name NAME]
  npm run relay -- staff list --clinic SITE_KEY`;

function origin(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`--origin ${value}: expected an origin such as https://clinic.example`);
  }
  if (url.origin !== value.replace(/\/$/, '')) throw new UsageError(`--origin ${value}: expected only scheme://host[:port], got a path`);
  return url.origin;
}

function siteKeyFrom(name: string): string {
  const slug = name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40);
  return `${slug.length >= 3 ? slug : 'clinic'}-${randomBytes(3).toString('hex')}`;
}

async function readStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8').trim();
  return text || null;
}

async function run(stores: Stores, argv: string[]): Promise<void> {
  const [area, action, ...rest] = argv;
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: 'string' }, origin: { type: 'string', multiple: true }, 'site-key': { type: 'string' },
      greeting: { type: 'string' }, locale: { type: 'string' }, 'booking-url': { type: 'string' },
      clinic: { type: 'string' }, email: { type: 'string' }, role: { type: 'string' },
    },
    strict: true,
  });
  const command = `${area} ${action}`;

  if (command === 'clinic create') {
    if (!values.name) throw new UsageError('--name is required');
    if (!values.origin?.length) throw new UsageError('at least one --origin is required');
    const siteKey = values['site-key'] ?? siteKeyFrom(values.name);
    if (!new RegExp(ID_PATTERNS.siteKey).test(siteKey)) throw new UsageError(`--site-key ${siteKey}: expected 3-64 of a-z, 0-9 and -`);
    if (values.locale && !['ru', 'en'].includes(values.locale)) throw new UsageError('--locale: expected ru or en');
    const clinic = await stores.clinics.create({
      siteKey, name: values.name, greeting: values.greeting ?? '', locale: values.locale ?? 'ru',
      origins: values.origin.map(origin), bookingUrl: values['booking-url'] ?? null, officeHours: null,
    });
    console.log(`clinic created: ${clinic.name}\n  site key: ${clinic.siteKey}\n  origins:  ${clinic.origins.join(', ')}`);
    console.log(`  embed:    <script src="https://YOUR-RELAY/widget.js" data-site-key="${clinic.siteKey}" async></script>`);
    return;
  }
  if (command === 'clinic list') {
    for (const clinic of await stores.clinics.list()) console.log(`${clinic.siteKey}\t${clinic.name}\t${clinic.origins.join(' ')}`);
    return;
  }
  if (command === 'staff add' || command === 'staff list') {
    if (!values.clinic) throw new UsageError('--clinic SITE_KEY is required');
    const clinic = await stores.clinics.getBySiteKey(values.clinic);
    if (!clinic) throw new UsageError(`no clinic with site key ${values.clinic}`);
    if (command === 'staff list') {
      for (const member of await stores.staff.listClinic(clinic.id)) console.log(`${member.email}\t${member.role}\t${member.name}`);
      return;
    }
    if (!values.email || !/^[^@\s]+@[^@\s]+$/.test(values.email)) throw new UsageError('--email: expected an email address');
    if (!values.role || !(ROLES as readonly string[]).includes(values.role)) throw new UsageError(`--role: expected one of ${ROLES.join(', ')}`);
    const given = await readStdin();
    if (given !== null && (given.length < LIMITS.passwordMin || given.length > LIMITS.passwordMax)) {
      throw new UsageError(`the password from stdin must be ${LIMITS.passwordMin}-${LIMITS.passwordMax} characters`);
    }
    const password = given ?? randomBytes(12).toString('base64url');
    const member = await stores.staff.create({
      clinicId: clinic.id, email: values.email, name: values.name ?? values.email.split('@')[0]!, role: values.role as Role, password,
    });
    console.log(`staff added: ${member.email} (${member.role}) to ${clinic.name}`);
    if (given === null) console.log(`  password: ${password}`);
    return;
  }
  throw new UsageError(`unknown command "${command}"`);
}

async function main(): Promise<number> {
  const config = loadConfig();
  // Without REDIS_URL: the Redis `npm start` runs, or the same data started for this command.
  const local = config.redisUrl
    ? null
    : await useOrStartLocalRedis({ dir: resolve(config.dataDir, 'redis'), port: config.localRedisPort, appendfsync: config.appendfsync });
  const redis = connectRedis(config.redisUrl ?? local!.url);
  try {
    await run(createStores(redis, config), process.argv.slice(2));
    return 0;
  } finally {
    await redis.quit();
    await local?.stop();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  if (error instanceof UsageError || error instanceof ConfigError || (error as { code?: string }).code?.startsWith('RELAY_ERR_')) {
    console.error(`clinic-chat: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`clinic-chat: ${(error as Error).message}\n\n${USAGE}`);
    process.exit(2);
  }
  console.error('clinic-chat: failed:', error);
  process.exit(1);
});
