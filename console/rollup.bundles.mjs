// The console's browser bundle: dist/console/index.html (copied) and console.js (+ chunks),
// minified with source maps. The relay serves this folder at /console/.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** Emits console/index.html into the output folder unchanged. */
function copyIndexHtml() {
  const source = here('./index.html');
  return {
    name: 'console-index-html',
    buildStart() {
      this.addWatchFile(source);
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'index.html', source: await readFile(source, 'utf8') });
    },
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
      nodeResolve({ browser: true, extensions: ['.ts', '.mjs', '.js'] }),
      // Only esbuild's transform: its own resolver answers relative imports first and so
      // bypasses the package.json "browser" map, which pulled engine.io-client's Node
      // transports (ws, xmlhttprequest-ssl) into the bundle. node-resolve resolves instead.
      { ...esbuild({ target: 'es2020', tsconfig: here('../tsconfig.json') }), resolveId: undefined },
      terser({ format: { comments: false } }),
      copyIndexHtml(),
    ],
  },
];
