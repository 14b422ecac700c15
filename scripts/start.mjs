// `npm start`: install what is missing, build the browser bundles, run the relay
// (which starts its own Redis when REDIS_URL is unset). Signals go to the relay, which
// shuts down cleanly.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build, ensureNpmPackages, ensureSystemPackage } from './ensure-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
ensureNpmPackages();
if (!process.env.REDIS_URL) ensureSystemPackage('redis');
build();

const relay = spawn(process.execPath, ['--import', 'tsx', 'relay/main.ts'], { stdio: 'inherit', cwd: root });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => relay.kill(signal));
relay.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
