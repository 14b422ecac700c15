// The relay's production bundle: relay/main.ts and everything it imports, as one ES
// module at dist/relay/main.mjs, so a production start (`npm run relay:prod`) runs plain
// Node — no tsx, no compile step. npm packages are bundled too: resolving and reading
// ~1,200 files of node_modules one by one was most of a 2–3 s start on a loaded 2-core
// machine, the bundle starts in about half that. Left external (loaded from node_modules,
// so a production install still needs `npm ci --omit=dev`): packages with native code or
// files of their own (PACKAGES_WITH_FILES), and the development dependencies the relay loads
// only on demand (the mail catcher's smtp-server and mailparser), which production never runs.
//
// A bundle has one `import.meta.url`; the relay's files use theirs to find files beside
// them (Lua scripts, the built browser files), so each file's own is put back as its path
// relative to the bundle: the checkout, not only dist/, is what production runs from.
import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
/** Native addons and packages that read files beside their code (wasm, templates) at run time. */
const PACKAGES_WITH_FILES = ['sharp', 'heic-convert', 'libheif-js', 'msgpackr-extract'];
/** Development dependencies imported dynamically by the local mail catcher only. */
const DEV_ON_DEMAND = ['smtp-server', 'mailparser'];
/**
 * Optional requires wrapped in try/catch (debug's `supports-color`): installed here only
 * for development tools, so a bundle holding it would behave unlike a production install.
 */
const OPTIONAL_REQUIRES = ['supports-color'];
// Bundled CommonJS packages expect require and __dirname; in the bundle they name the
// bundle's place, which only ioredis's friendly error stacks (off) and socket.io's client
// files (not served) would read.
const COMMONJS_BANNER = [
  "import { createRequire as __createRequire } from 'node:module';",
  "import { dirname as __pathDirname } from 'node:path';",
  "import { fileURLToPath as __fileURLToPath } from 'node:url';",
  'const require = __createRequire(import.meta.url);',
  'const __filename = __fileURLToPath(import.meta.url);',
  'const __dirname = __pathDirname(__filename);',
].join('\n');

/** @param {{ outdir?: string }} [options] @returns {Promise<import('esbuild').BuildResult<{ metafile: true }>>} */
export async function buildRelay({ outdir = `${root}dist/relay` } = {}) {
  /** @type {import('esbuild').Plugin} */
  const ownImportMetaUrl = {
    name: 'own-import-meta-url',
    setup(pluginBuild) {
      pluginBuild.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
        const source = await readFile(path, 'utf8');
        if (!source.includes('import.meta.url')) return { contents: source, loader: 'ts' };
        const fromBundle = relative(outdir, path).split('\\').join('/');
        return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBundle)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
  return build({
    entryPoints: { main: `${root}relay/main.ts` },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: [...PACKAGES_WITH_FILES, ...DEV_ON_DEMAND, ...OPTIONAL_REQUIRES],
    banner: { js: COMMONJS_BANNER },
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [ownImportMetaUrl],
    absWorkingDir: dirname(`${root}relay/main.ts`),
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildRelay();
