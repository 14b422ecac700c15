// `npm run chaos`: make sure the npm packages, redis-server, haproxy and chromium are there, then run
// the chaos suite (chaos/run-chaos.ts) with the TypeScript loader. Signals are passed on;
// the suite kills its own children.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureNpmPackages, ensureSystemPackage } from './ensure-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
ensureNpmPackages();
ensureSystemPackage('redis');
ensureSystemPackage('haproxy');
ensureSystemPackage('chromium');

const chaos = spawn(process.execPath, ['--import', 'tsx', 'chaos/run-chaos.ts'], { stdio: 'inherit', cwd: root });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => chaos.kill(signal));
chaos.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
