// `npm run bench`: make sure the npm packages and redis-server are there, then run the
// benchmark (bench/run-bench.ts) with the TypeScript loader. Plain Node, like the other
// launchers. Signals are passed on; the benchmark kills its own children.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureNpmPackages, ensureSystemPackage } from './ensure-deps.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
ensureNpmPackages();
ensureSystemPackage('redis');

const bench = spawn(process.execPath, ['--import', 'tsx', 'bench/run-bench.ts'], { stdio: 'inherit', cwd: root });
for (const signal of /** @type {const} */ (['SIGINT', 'SIGTERM'])) process.on(signal, () => bench.kill(signal));
bench.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
