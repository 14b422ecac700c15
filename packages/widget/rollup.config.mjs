// The npm package's JavaScript: ES modules for bundlers, with the script tag's plugins
// (the JSON-only Socket.IO parser and the other shims of widget/rollup.bundles.mjs), the
// words and the contact form as lazy chunks, and the browser's dependencies (Lit,
// Socket.IO's client, React, @lit/react) left for the application's bundler.
import { fileURLToPath } from 'node:url';
import { common, plugins } from '../../widget/rollup.bundles.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

export default {
  ...common,
  input: {
    'widget': here('../../widget/element-entry.ts'),
    'client': here('../../widget/client/index.ts'),
    'react': here('./src/react.ts'),
    // Optional, for the application's bundler: `socket.io-parser` aliased to this (README).
    'socket.io-parser': here('../../widget/client/json-parser.ts'),
  },
  external: [/^lit(\/|$)/, /^@lit\//, /^socket\.io-client(\/|$)/, /^react(\/|$)/],
  output: {
    dir: here('./dist'),
    format: 'es',
    entryFileNames: '[name].js',
    // contact-*.js registers <clinic-chat-contact> when imported: package.json's sideEffects names it.
    chunkFileNames: 'chunks/[name]-[hash].js',
    sourcemap: true,
  },
  // Left readable: the application's own bundler minifies.
  plugins: plugins([], { minify: false }),
};
