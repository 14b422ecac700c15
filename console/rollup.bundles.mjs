// The console's browser bundle: console.js (+ chunks), minified with source maps, and the
// files of console/static/ (index.html, the PWA manifest, icons) copied unchanged. The relay
// serves this folder at /console/.
import { readFile, readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Emits every file under console/static/ into the output folder at the same relative path. */
function copyStatic() {
  const dir = here('./static');
  return {
    name: 'console-static',
    async buildStart() {
      this.addWatchFile(dir);
    },
    async generateBundle() {
      const entries = await readdir(dir, { recursive: true, withFileTypes: true });
      for (const entry of entries.filter((e) => e.isFile())) {
        const path = `${entry.parentPath}/${entry.name}`;
        this.emitFile({ type: 'asset', fileName: path.slice(dir.length + 1), source: await readFile(path) });
      }
    },
  };
}

/** `import styles from 'uplot/dist/uPlot.min.css'`: a library's stylesheet as a string, for a shadow root's styles (the Reports chunk). */
function cssAsText() {
  return {
    name: 'console-css-as-text',
    transform: (code, id) => (id.endsWith('.css') ? { code: `export default ${JSON.stringify(code)};`, map: null } : null),
  };
}

export default [
  {
    input: here('./main.ts'),
    output: {
      dir: here('../dist/console'),
      format: 'es',
      entryFileNames: 'console.js',
      chunkFileNames: 'chunks/[name]-[hash].js',
      sourcemap: true,
    },
    onwarn(warning, warn) {
      // The console imports only protocol files free of schemas; a TypeBox module in the
      // bundle would be a mistake worth failing the build for.
      if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.some((id) => id.includes('@sinclair/typebox'))) {
        throw new Error('TypeBox reached the console bundle: import protocol values from constants.ts, stream-ids.ts, permissions.ts, limits.ts or errors.ts');
      }
      warn(warning);
    },
    plugins: [
      cssAsText(),
      nodeResolve({ browser: true, extensions: ['.ts', '.mjs', '.js'] }),
      // Only esbuild's transform: its own resolver answers relative imports first and so
      // bypasses the package.json "browser" map, which pulled engine.io-client's Node
      // transports (ws, xmlhttprequest-ssl) into the bundle. node-resolve resolves instead.
      { ...esbuild({ target: 'es2020', tsconfig: here('../tsconfig.json') }), resolveId: undefined },
      terser({ format: { comments: false } }),
      copyStatic(),
    ],
  },
];
