// `npm start`: install what is missing, build the browser bundles, run the relay
// (which starts its own Redis when REDIS_URL is unset). Signals go to the relay, which
// shuts down cleanly.
//
// With NODE_ENV=production it installs and builds nothing: it runs the prebuilt relay
// bundle (dist/relay/main.mjs from `npm run build`) with plain Node, as
// `npm run relay:prod` does, so a production install needs no development tools.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, ensureNpmPackages, ensureSystemPackage } from './ensure-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = 'dist/relay/main.mjs';
const production = process.env.NODE_ENV === 'production';
if (production && !existsSync(`${root}${bundle}`)) {
  console.error(`clinic-chat: ${bundle} is missing; run \`npm run build\` before a production start (NODE_ENV=production)`);
  process.exit(1);
}
if (!production) {
  ensureNpmPackages();
  if (!process.env.REDIS_URL) ensureSystemPackage('redis');
  build();
}

const args = production ? [bundle] : ['--import', 'tsx', 'relay/main.ts'];
const relay = spawn(process.execPath, args, { stdio: 'inherit', cwd: root });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => relay.kill(signal));
relay.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
