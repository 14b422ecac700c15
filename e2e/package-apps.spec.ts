/**
 * The npm package (packages/widget/) as a clinic's developer gets it: `npm pack` (its
 * prepack builds dist/), publint and attw on the tarball, then fresh React + TypeScript and
 * Vue 3 apps (packages/widget/test-apps/, copied to a temporary folder) install the tarball
 * and their own dependencies from the npm registry, type-check, build with Vite, and the
 * React app runs in Chromium against the worker's relay: a visitor's message is stored in
 * Redis. Nothing is kept between runs but npm's own cache. A Playwright spec rather than a
 * node test: it needs the browser, and about two minutes (node:test gives a file 120 s).
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Redis } from 'ioredis';
import { test, expect } from './support/fixtures.ts';

const run = promisify(execFile);
const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const bin = (name: string) => here(`../node_modules/.bin/${name}`);
const packageDir = here('../packages/widget/');

/** The apps' own dependencies, from the registry: versions whose engines accept Node 20. */
const REACT_APP = {
  dependencies: { 'react': '^19.2.0', 'react-dom': '^19.2.0', '@lit/react': '^1.0.8' },
  devDependencies: { 'vite': '^7.3.0', '@vitejs/plugin-react': '^5.2.0', 'typescript': '~5.9.0', '@types/react': '^19.2.0', '@types/react-dom': '^19.2.0' },
};
const VUE_APP = {
  dependencies: { vue: '^3.5.0' },
  devDependencies: { 'vite': '^7.3.0', '@vitejs/plugin-vue': '^6.0.0', 'typescript': '~5.9.0', 'vue-tsc': '^3.3.0' },
};
/** The relay's dependencies: none of them may reach a browser app. */
const SERVER_PACKAGES = ['fastify', 'ioredis', 'socket.io', 'tsx', 'esbuild', '@sinclair/typebox', 'bullmq', 'sharp'];

let work: string;
let tarball: string;

/** Runs a command in `cwd`; its output only when it fails. */
async function sh(cwd: string, command: string, args: string[]) {
  try {
    return (await run(command, args, { cwd, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, NODE_ENV: '' } })).stdout;
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`, { cause: error });
  }
}

/** An app folder: test-apps/<template> plus a package.json depending on the tarball; installed. */
async function app(name: string, template: string, deps: { dependencies: Record<string, string>; devDependencies?: Record<string, string> }) {
  const dir = join(work, name);
  cpSync(join(packageDir, 'test-apps', template), dir, { recursive: true });
  const manifest = {
    name,
    private: true,
    type: 'module',
    dependencies: { 'clinic-chat': `file:${tarball}`, ...deps.dependencies },
    devDependencies: deps.devDependencies ?? {},
  };
  writeFileSync(join(dir, 'package.json'), JSON.stringify(manifest, null, 2));
  await sh(dir, 'npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline']);
  return dir;
}

let apps: Promise<{ react: string; vue: string }>;

test.describe.configure({ mode: 'serial', timeout: 150_000 });

test.beforeAll(async () => {
  test.setTimeout(120_000);
  work = mkdtempSync(join(tmpdir(), 'clinic-chat-package-'));
  const packed = JSON.parse(await sh(packageDir, 'npm', ['pack', '--json', '--pack-destination', work])) as [
    { filename: string; size: number; entryCount: number },
  ];
  tarball = join(work, packed[0].filename);
  console.log(`# tarball: ${packed[0].size} B, ${packed[0].entryCount} files`);
  apps = Promise.all([app('react-app', 'react', REACT_APP), app('vue-app', 'vue', VUE_APP)]).then(([react, vue]) => ({ react, vue }));
  // Both apps are checked and built at once, while the first tests look at the tarball.
  for (const work of [builtReactApp(), builtVueApp()]) work.catch(() => undefined);
});

test.afterAll(() => rmSync(work, { recursive: true, force: true }));

test('publint finds nothing wrong in the packed tarball', async () => {
  await sh(work, bin('publint'), ['--strict', tarball]);
});

test('attw resolves every entry point to types and ES modules (bundler and node16 from ESM)', async () => {
  await sh(work, bin('attw'), [tarball, '--profile', 'esm-only']);
});

/** The packages npm installed for `name` in an app, from its lockfile (npm's nested-then-hoisted lookup). */
function installedFor(appDir: string, name: string): string[] {
  const lock = JSON.parse(readFileSync(join(appDir, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dependencies?: Record<string, string> }> };
  const found = new Set<string>();
  const visit = (path: string) => {
    for (const dependency of Object.keys(lock.packages[path]?.dependencies ?? {})) {
      const nested = `${path}/node_modules/${dependency}`;
      const resolved = nested in lock.packages ? nested : `node_modules/${dependency}`;
      if (found.has(resolved)) continue;
      found.add(resolved);
      visit(resolved);
    }
  };
  visit(`node_modules/${name}`);
  return [...found].map((path) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length)).sort();
}

test('a browser app that installs the package gets Lit and the Socket.IO client, and nothing of the relay', async () => {
  const installed = installedFor((await apps).vue, 'clinic-chat');
  console.log(`# a browser app installs clinic-chat and ${installed.length} dependencies: ${installed.join(', ')}`);
  expect(
    installed.filter((name) => SERVER_PACKAGES.includes(name)),
    'relay packages in a browser app',
  ).toEqual([]);
  expect(installed).toEqual(expect.arrayContaining(['lit', 'socket.io-client']));
  expect(installed.length).toBeLessThanOrEqual(20);
});

let reactBuild: Promise<string> | undefined;
/** The React app type-checked and built (once, for the tests that need it). */
function builtReactApp(): Promise<string> {
  reactBuild ??= apps.then(async ({ react }) => {
    await sh(react, join(react, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json']);
    await sh(react, join(react, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn']);
    return join(react, 'dist');
  });
  return reactBuild;
}

/** The scripts a built page loads up front (its module script and modulepreloads). */
function pageScripts(dist: string, page: string): string[] {
  const html = readFileSync(join(dist, page), 'utf8');
  return [...new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((match) => match[1]!))];
}

/** Their gzipped bytes. */
const pageScriptBytes = (dist: string, page: string) =>
  pageScripts(dist, page).reduce((sum, file) => sum + gzipSync(readFileSync(join(dist, file)), { level: 9 }).length, 0);

test('a React 19 + TypeScript app type-checks <clinic-chat> in TSX with typed events and the React wrapper, and builds with Vite', async () => {
  const dist = await builtReactApp();
  const added = pageScriptBytes(dist, 'index.html') - pageScriptBytes(dist, 'baseline.html');
  console.log(`# the chat adds ${added} B gzipped to a React app's first load`);
  expect(added).toBeGreaterThan(0);
  expect(added).toBeLessThanOrEqual(40 * 1024);
  // baseline.tsx imports clinic-chat/client and uses nothing: sideEffects lets Vite drop it all.
  const baseline = pageScripts(dist, 'baseline.html').map((file) => readFileSync(join(dist, file), 'utf8'));
  expect(baseline.filter((code) => /ClinicChatClient|engine\.io|clinic-chat/i.test(code))).toEqual([]);
});

let vueBuild: Promise<string> | undefined;
/** The Vue app type-checked and built. */
function builtVueApp(): Promise<string> {
  vueBuild ??= apps.then(async ({ vue }) => {
    await sh(vue, join(vue, 'node_modules/.bin/vue-tsc'), ['-p', 'tsconfig.json']);
    await sh(vue, join(vue, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn']);
    return join(vue, 'dist');
  });
  return vueBuild;
}

test('a Vue 3 app (isCustomElement) type-checks with vue-tsc and builds with Vite', async () => {
  const dist = await builtVueApp();
  expect(readFileSync(join(dist, 'index.html'), 'utf8')).toMatch(/assets\/index-[\w-]+\.js/);
});

/** Serves a built app's files on a free port of 127.0.0.1. */
async function serve(dist: string): Promise<{ origin: string; server: Server }> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    try {
      const body = readFileSync(join(dist, path === '/' ? 'index.html' : path));
      response.writeHead(200, { 'content-type': types[extname(path) || '.html'] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { origin: `http://127.0.0.1:${address.port}`, server };
}

test('the React app in Chromium: a visitor writes through <clinic-chat> and the relay stores the message', async ({ relay, clinic, page }) => {
  const dist = await builtReactApp();
  const { origin, server } = await serve(dist);
  try {
    const { stores } = relay.relay;
    const stored = (await stores.clinics.getBySiteKey(clinic.siteKey))!;
    await stores.clinics.update(stored.id, { origins: [...stored.origins, origin] });

    await page.goto(`${origin}/?siteKey=${clinic.siteKey}&relay=${encodeURIComponent(relay.url)}`);
    await page.getByRole('button', { name: 'Open chat' }).click();
    const text = `Hello from a React app ${Date.now()}`;
    await page.getByRole('textbox', { name: 'Message' }).fill(text);
    await page.getByRole('button', { name: 'Send' }).click();
    // "Sent" is shown on the relay's acknowledgement, which comes only after Redis appended the message.
    await expect(page.locator('.msg.own', { hasText: text }).locator('.state')).toHaveText('Sent');

    const redis = new Redis(relay.redisUrl);
    const fields: string[] = [];
    for (const key of await redis.keys('{t:*}:stream')) for (const [, entry] of await redis.xrange(key, '-', '+')) fields.push(...entry);
    await redis.quit();
    expect(
      fields.some((field) => field.includes(text)),
      "the visitor's message is in a thread stream in Redis",
    ).toBe(true);
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
});
