// Installs what clinic-chat needs on a fresh Debian machine: npm packages, and the
// system packages redis-server and chromium through apt-get when running as root;
// otherwise it says exactly what to install. Plain Node: it runs before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SYSTEM_PACKAGES = {
  redis: { binary: 'redis-server', packages: ['redis-server', 'redis-tools'] },
  chromium: { binary: 'chromium', packages: ['chromium'] },
  nginx: { binary: 'nginx', packages: ['nginx-light'] },
  haproxy: { binary: 'haproxy', packages: ['haproxy'] },
};

/** @param {string} command @param {string[]} args @param {import('node:child_process').SpawnSyncOptions} [options] */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.status !== 0) {
    console.error(`clinic-chat: \`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

/** @param {string} binary */
function has(binary) {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

export function ensureNpmPackages() {
  const marker = `${root}/node_modules/.package-lock.json`;
  const lock = `${root}/package-lock.json`;
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(lock).mtimeMs) return;
  console.log('clinic-chat: installing npm packages (npm ci)…');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}

let aptUpdated = false;
/** @param {keyof typeof SYSTEM_PACKAGES} name */
export function ensureSystemPackage(name) {
  const { binary, packages } = SYSTEM_PACKAGES[name];
  if (has(binary)) return;
  if (process.getuid?.() !== 0) {
    console.error(`clinic-chat: \`${binary}\` is missing. Install it with:\n  sudo apt-get install -y ${packages.join(' ')}`);
    process.exit(1);
  }
  console.log(`clinic-chat: installing ${packages.join(', ')} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!aptUpdated) {
    run('apt-get', ['update', '-qq'], { env });
    aptUpdated = true;
  }
  run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env });
  if (!has(binary)) {
    console.error(`clinic-chat: apt-get installed ${packages.join(' ')} but \`${binary}\` is still not on PATH`);
    process.exit(1);
  }
}

export function build() {
  run(process.execPath, [`${root}/node_modules/rollup/dist/bin/rollup`, '-c', '--silent']);
  run(process.execPath, [`${root}/scripts/build-relay.mjs`]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  ensureNpmPackages();
  for (const name of /** @type {(keyof typeof SYSTEM_PACKAGES)[]} */ (Object.keys(SYSTEM_PACKAGES)))
    if (process.argv.includes(`--${name}`)) ensureSystemPackage(name);
}
