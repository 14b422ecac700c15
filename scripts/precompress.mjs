// A rollup plugin that writes `<file>.br` and `<file>.gz` beside every text file a build
// writes, so the relay (@fastify/static's `preCompressed`) and nginx (`gzip_static`,
// `brotli_static`) send compressed bytes without compressing per request. At the highest
// levels: it runs once per build, and the widget is fetched by every patient.
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** Files a browser fetches as text. Never source maps: a `.map.br` would slip past the SOURCE_MAPS check. */
const COMPRESSIBLE = /\.(js|mjs|css|html|json|svg|webmanifest)$/;
/** Below this a compressed copy saves less than its own headers cost. */
const MIN_BYTES = 1024;

/** @param {Buffer} source */
export function compress(source) {
  return {
    br: brotliCompressSync(source, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: source.length },
    }),
    gz: gzipSync(source, { level: constants.Z_BEST_COMPRESSION }),
  };
}

/** @returns {import('rollup').Plugin} */
export function precompress() {
  return {
    name: 'clinic-chat-precompress',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? dirname(options.file ?? '.');
      const files = Object.keys(bundle).filter((name) => COMPRESSIBLE.test(name));
      await Promise.all(
        files.map(async (name) => {
          const path = join(dir, name);
          const source = await readFile(path);
          if (source.length < MIN_BYTES) return;
          const { br, gz } = compress(source);
          await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
        }),
      );
    },
  };
}
