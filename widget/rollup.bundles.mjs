// The widget's bundles, all under dist/widget/:
//   review-[hash].js  <clinic-chat-review>, a complaint's status steps and "My problem is solved", fetched by the contact chunk;
//   contact-[hash].js  <clinic-chat-contact>, the opt-in for reply notices, fetched by the chat after the first message;
//   attach-[hash].js   <clinic-chat-attach> and <clinic-chat-files>, fetched by the chat when a file is first attached or shown;
//   words-en-[hash].js, words-ru-[hash].js  one language's words each, fetched by the chat for the language it shows;
//   cookie-[hash].js  cookie mode's token source (client/cookie-credential.ts), fetched by the chat only for credential="cookie";
//   messages-[hash].js  the conversation's list (element/message-list.ts), fetched by the chat once there is something to list;
//   chat-[hash].js  the chat (Lit, Socket.IO client, <clinic-chat>), one classic script, cached for a year;
//   widget.js       the loader a clinic's script tag points at, revalidated on every load;
//   chunks.json     the hashed names, for pages that load the chat without widget.js (the relay's /c/ page).
// Each chunk is built before the one that loads it, so that one can be given its hashed name.
// The npm package's build (packages/widget/build/) uses the same plugins (`plugins` below).
import { readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import esbuild from 'rollup-plugin-esbuild';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = here('../dist/widget');
/** Hashed file names, handed from a chunk's build to the build that loads it (`clinic-chat:<name>-file`). */
const chunkFiles = { 'chunk': null, 'contact': null, 'attach': null, 'review': null, 'words-en': null, 'words-ru': null, 'messages': null, 'cookie': null };

/**
 * Maps are written beside the bundles but not named in them: a `sourceMappingURL` comment
 * costs every patient ~24 bytes gzip per file; with SOURCE_MAPS=public the relay names the
 * map in a `SourceMap` header instead (relay/http/static-routes.ts).
 */
const SOURCE_MAPS = 'hidden';

export const common = {
  // From protocol/ the widget imports at runtime only limits.ts, errors.ts and stream-ids.ts,
  // which have no dependencies: TypeBox stays out (bundle-size.test.ts checks).
  onwarn(warning, warn) {
    if (warning.code === 'CIRCULAR_DEPENDENCY' && warning.ids?.every((id) => id.includes('node_modules'))) return;
    warn(warning);
  },
};

export const plugins = (extra = [], { minify = true } = {}) => [
  ...extra,
  withoutWebTransport(),
  withoutXhrPolling(),
  nativeBase64(),
  nativeUrlParser(),
  nativeSocketUrl(),
  jsonOnlyParser(),
  shortV2Notice(),
  withoutUnusedSocketMethods(),
  withoutTransportUpgrade(),
  compactTemplates(),
  nodeResolve({ browser: true, extensions: ['.ts', '.mjs', '.js'] }),
  // Only esbuild's transform: its resolver would skip package.json "browser" maps (and pull
  // engine.io-client's Node transports into the bundle); node-resolve resolves instead.
  { ...esbuild({ target: 'es2020', tsconfig: here('../tsconfig.json') }), resolveId: undefined },
  ...(minify
    ? [
        terser({
          ecma: 2020,
          format: { comments: false },
          compress: { passes: 2 },
          // The widget's private members end in "_" (Google style), so they can be shortened;
          // nothing else in the bundle (Lit, Socket.IO, the DOM, the wire) has such names.
          mangle: { properties: { regex: /^[a-zA-Z]\w*_$/ } },
        }),
      ]
    : []),
];

/**
 * socket.io-client's default parser, with binary support the widget never uses, is replaced
 * by widget/client/json-parser.ts (also passed as the `parser` option, so every build behaves
 * the same); ~1 KB gzip.
 */
function jsonOnlyParser() {
  const parser = here('./client/json-parser.ts');
  return {
    name: 'clinic-chat-json-only-parser',
    resolveId: (id, importer) => (id === 'socket.io-parser' && importer?.includes('/socket.io-client/') ? parser : null),
  };
}

/**
 * engine.io-client's default transports include WebTransport, used only when a client asks
 * for it; the widget asks for WebSocket, then long-polling. Leaving it out saves ~0.9 KB gzip.
 * Long-polling uses engine.io-client's `fetch()` transport instead of its XMLHttpRequest one,
 * which carries old-IE fallbacks and unload bookkeeping (issue 11: pays for Trusted Types).
 * engine.io-client's index still re-exports that transport, whose module registers an unload
 * listener when loaded, so it stayed in the bundle; its re-export gives way to an empty one
 * (~0.8 KB gzip, issue 9: pays for links and the attach button).
 */
function withoutWebTransport() {
  const shim = '\0clinic-chat:engine-transports';
  const noXhr = '\0clinic-chat:no-xhr';
  const transport = (file) => JSON.stringify(here(`../node_modules/engine.io-client/build/esm/transports/${file}`));
  return {
    name: 'clinic-chat-without-webtransport',
    resolveId(id, importer) {
      if (!importer?.includes('/engine.io-client/build/esm/')) return null;
      if (id === './transports/index.js') return shim;
      return /^\.\/transports\/polling-xhr(\.node)?\.js$/.test(id) && importer.endsWith('/esm/index.js') ? noXhr : null;
    },
    load: (id) =>
      id === shim
        ? `import { WS } from ${transport('websocket.js')};\nimport { Fetch } from ${transport('polling-fetch.js')};\nexport const transports = { websocket: WS, polling: Fetch };`
        : id === noXhr
          ? 'export const XHR = undefined;'
          : null,
  };
}

/**
 * engine.io-client's index re-exports its XMLHttpRequest transport, whose module has side
 * effects at load (an unload listener, a probe request object), so it stayed in the bundle
 * although the widget polls with `fetch()` (withoutWebTransport). Its two names resolve to an
 * empty module instead. ~1 KB gzip (issue 11: pays for the misconfigured-site check).
 */
function withoutXhrPolling() {
  const shim = '\0clinic-chat:no-xhr';
  return {
    name: 'clinic-chat-without-xhr-polling',
    resolveId: (id, importer) =>
      /^\.\/transports\/polling-xhr(\.node)?\.js$/.test(id) && importer?.includes('/engine.io-client/build/esm/index.js') ? shim : null,
    load: (id) => (id === shim ? 'export const XHR = undefined;' : null),
  };
}

/**
 * engine.io-parser decodes base64 (a binary packet over long-polling) with its own lookup
 * table; the browser's `atob` does the same in one line. The relay sends no binary to
 * visitors anyway (protocol/README.md); this keeps such a packet decodable. ~0.3 KB gzip.
 */
function nativeBase64() {
  const shim = '\0clinic-chat:base64';
  return {
    name: 'clinic-chat-native-base64',
    resolveId: (id, importer) => (id === './contrib/base64-arraybuffer.js' && importer?.includes('/engine.io-parser/build/esm/') ? shim : null),
    load: (id) => (id === shim ? 'export const decode = (base64) => Uint8Array.from(atob(base64), (c) => c.charCodeAt(0)).buffer;' : null),
  };
}

/**
 * engine.io-client parses the relay's URL with a large regular expression kept for platforms
 * without `URL`; every browser the widget supports has it. The shim returns the fields
 * socket.io-client and engine.io-client read (source, protocol without its colon, host
 * without IPv6 brackets, port, path, query and its keys). ~1 KB gzip.
 */
function nativeUrlParser() {
  const shim = '\0clinic-chat:parseuri';
  return {
    name: 'clinic-chat-native-url-parser',
    resolveId: (id, importer) => (id === './contrib/parseuri.js' && importer?.includes('/engine.io-client/build/esm/') ? shim : null),
    load: (id) =>
      id === shim
        ? `export const parse = (source) => {
  const url = new URL(source);
  return {
    source, protocol: url.protocol.slice(0, -1), host: url.hostname.replace(/^\\[|\\]$/g, ''), port: url.port,
    path: url.pathname, query: url.search.slice(1), queryKey: Object.fromEntries(url.searchParams),
  };
};`
        : null,
  };
}

/**
 * socket.io-client's `url()` completes a relative or scheme-less address and spells out the
 * default port, to key its connection cache; the widget always passes an absolute relay
 * URL, which `URL` normalises the same way (its `origin` drops a default port on both
 * sides of a comparison). Returns the fields `io()` reads. ~0.15 KB gzip (issue 8: pays for
 * page mode, the resume token and the contact opt-in's hook).
 */
function nativeSocketUrl() {
  const shim = '\0clinic-chat:socket-url';
  return {
    name: 'clinic-chat-native-socket-url',
    resolveId: (id, importer) => (id === './url.js' && importer?.includes('/socket.io-client/build/esm/') ? shim : null),
    load: (id) =>
      id === shim
        ? `export const url = (source, path) => {
  const url = new URL(source);
  return { source, id: url.origin + path, path: url.pathname, query: url.search.slice(1), queryKey: Object.fromEntries(url.searchParams) };
};`
        : null,
  };
}

/**
 * socket.io-client explains at length (with a link) that a Socket.IO v2 server is not
 * compatible; a relay is never one. The code stays the same, the words are shorter. ~0.1 KB
 * gzip (issue 11: pays for the misconfigured-site check).
 */
function shortV2Notice() {
  return {
    name: 'clinic-chat-short-v2-notice',
    transform: (code, id) =>
      id.includes('/socket.io-client/build/esm/socket.js')
        ? { code: code.replace(/"It seems you are trying to reach a Socket\.IO server in v2\.x[^"]*"/, '"Socket.IO v2 server"'), map: null }
        : null,
  };
}

/**
 * socket.io-client's Socket carries API the widget never calls: catch-all listeners
 * (`onAny`…), `emitWithAck`, `compress` and `volatile`. A class keeps all its methods
 * whether called or not, so they are cut from the source here; a name that is no longer
 * found fails the build (a socket.io-client upgrade must look again). ~0.4 KB gzip (issue 9:
 * pays for attachments). The `retries` queue went the same way (issue 11, ~0.15 KB).
 */
function withoutUnusedSocketMethods() {
  const unused = ['emitWithAck', 'compress', 'get volatile', 'onAny', 'prependAny', 'offAny', 'listenersAny'];
  const outgoing = unused.slice(3).map((name) => `${name}Outgoing`);
  // The `retries` option's queue (the widget's outbox retries instead, and never sets it):
  // its two methods, and their two callers, which run only with the option.
  const queue = ['_addToQueue', '_drainQueue'];
  const callers = [/\n {8}if \(this\._opts\.retries && [^\n]*\{\n[^\n]*_addToQueue[^\n]*\n[^\n]*\n {8}\}\n/, /\n {8}this\._drainQueue\(true\);\n/];
  return {
    name: 'clinic-chat-without-unused-socket-methods',
    transform(code, id) {
      if (!id.includes('/socket.io-client/build/esm/socket.js')) return null;
      let cut = code;
      for (const caller of callers) {
        if (!caller.test(cut)) this.error(`socket.io-client's Socket no longer calls its retries queue as expected (widget/rollup.bundles.mjs)`);
        cut = cut.replace(caller, '\n');
      }
      return { code: withoutMethods(this, cut, [...unused, ...outgoing, ...queue], "socket.io-client's Socket"), map: null };
    },
  };
}

/**
 * engine.io-client upgrades a long-polling connection to WebSocket by probing it beside
 * the open one (`_probe`). The widget starts with WebSocket and polls only where that
 * failed, and asks for no upgrade (`upgrade: false` in client/visitor-socket.ts, so every
 * build behaves the same): a reconnect tries WebSocket first again. The probe is cut from
 * the source, with the loop that would call it. ~0.5 KB gzip (issue 11: pays for the
 * site check's idle chunk).
 */
function withoutTransportUpgrade() {
  const loop = /\n {8}if \("open" === this\.readyState && this\.opts\.upgrade\) \{\n[^]*?\n {8}\}\n/;
  return {
    name: 'clinic-chat-without-transport-upgrade',
    transform(code, id) {
      if (!id.includes('/engine.io-client/build/esm/socket.js')) return null;
      if (!loop.test(code)) this.error("engine.io-client's Socket has no upgrade loop in onOpen any more (widget/rollup.bundles.mjs)");
      return { code: withoutMethods(this, code.replace(loop, '\n'), ['_probe'], "engine.io-client's Socket"), map: null };
    },
  };
}

/**
 * Cuts methods from a class's source: a method is its doc comment, its head at four spaces,
 * and its body up to the brace at four spaces. A name no longer found fails the build (an
 * upgrade of the package must look again).
 */
function withoutMethods(context, code, names, owner) {
  let cut = code;
  for (const name of names) {
    const method = new RegExp(`\\n    /\\*\\*(?:(?!\\*/)[^])*\\*/\\n    ${name}\\([^)]*\\) \\{\\n[^]*?\\n    \\}\\n`);
    if (!method.test(cut)) context.error(`${owner} has no method ${name} any more (widget/rollup.bundles.mjs)`);
    cut = cut.replace(method, '\n');
  }
  return cut;
}

/**
 * Squeezes indentation out of the element's html`` and css`` templates (leading spaces on
 * a line mean nothing there, nor in the code around them), and comments and spaces around
 * CSS punctuation out of the styles. Lines stay put, so the source maps stay right.
 */
function compactTemplates() {
  return {
    name: 'clinic-chat-compact-templates',
    transform(code, id) {
      if (!id.includes('/widget/element/')) return null;
      let compacted = code.replace(/^[ \t]+/gm, '');
      if (id.endsWith('-styles.ts')) {
        compacted = compacted.replace(
          /css`([^`]*)`/g,
          (_all, body) =>
            `css\`${body
              .replace(/\/\*[^]*?\*\//g, '')
              .replace(/[ \t]*([{};,>])[ \t]*/g, '$1')
              .replace(/:[ \t]+/g, ':')}\``,
        );
      }
      return { code: compacted, map: null };
    },
  };
}

/**
 * The messages chunk only makes templates, which the chat chunk's Lit renders: a template
 * result is plain data (`_$litType$`, the strings, the values) and `nothing` a
 * `Symbol.for` symbol, so `lit` there is element/lit-templates.mjs, lit-html's two
 * definitions alone (lit-templates.test.ts keeps them equal to lit-html's): no second Lit
 * for a returning patient to download.
 */
function templatesOnly() {
  const shim = here('./element/lit-templates.mjs');
  return { name: 'clinic-chat-templates-only', resolveId: (id) => (id === 'lit' ? shim : null) };
}

/** Deletes `prefix` chunks of earlier builds, so dist/widget/ holds what widget.js points at. */
function removeStaleChunks(prefix) {
  return {
    name: 'clinic-chat-remove-stale-chunks',
    async writeBundle(options, bundle) {
      const current = new Set(Object.keys(bundle));
      for (const file of await readdir(options.dir)) {
        if (file.startsWith(`${prefix}-`) && /\.js(\.map)?$/.test(file) && !current.has(file)) await rm(`${options.dir}/${file}`);
      }
    },
  };
}

/**
 * In the chat chunk, contact/load-contact-form.ts and attach/load-attach.ts (dynamic
 * imports, for bundlers) give way to loader/contact-script.ts and loader/attach-script.ts
 * (script tags): a classic script cannot import(). Likewise people, messages and cookie mode.
 */
function chunksByScriptTag() {
  const scripts = {
    '../contact/load-contact-form.ts': here('./loader/contact-script.ts'),
    '../attach/load-attach.ts': here('./loader/attach-script.ts'),
    '../people/load-people.ts': here('./loader/people-script.ts'),
    './load-message-list.ts': here('./loader/messages-script.ts'),
    './load-cookie-credential.ts': here('./loader/cookie-script.ts'),
  };
  return {
    name: 'clinic-chat-chunks-by-script-tag',
    resolveId: (id, importer) => (importer?.includes('/widget/element/') ? (scripts[id] ?? null) : null),
  };
}

/** In the contact chunk, contact/load-review.ts (a dynamic import) gives way to loader/review-script.ts (a script tag). */
function reviewByScriptTag() {
  const script = here('./loader/review-script.ts');
  return {
    name: 'clinic-chat-review-by-script-tag',
    resolveId: (id, importer) => (id === './load-review.ts' && importer?.includes('/widget/contact/') ? script : null),
  };
}

/**
 * In the chat chunk, i18n/load-words.ts (dynamic imports, for bundlers) gives way to
 * loader/words-script.ts (a script tag per language).
 */
function wordsByScriptTag() {
  const script = here('./loader/words-script.ts');
  return {
    name: 'clinic-chat-words-by-script-tag',
    resolveId: (id, importer) => (id === './load-words.ts' && importer?.includes('/widget/i18n/') ? script : null),
  };
}

/** The chunks' names, for the relay's pages that load the chat by itself. */
function writeManifest() {
  return {
    name: 'clinic-chat-manifest',
    async writeBundle() {
      await writeFile(`${out}/chunks.json`, `${JSON.stringify({ chat: chunkFiles.chunk, contact: chunkFiles.contact })}\n`);
    },
  };
}

/** Remembers the hashed name of a chunk, as `name`. */
function recordChunk(name) {
  return {
    name: 'clinic-chat-record-chunk',
    generateBundle(_options, bundle) {
      const entry = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      chunkFiles[name] = entry.fileName;
    },
  };
}

/** `import file from 'clinic-chat:<name>-file'` in a build that loads that chunk. */
function provideChunk(name) {
  const module = `clinic-chat:${name}-file`;
  return {
    name: `clinic-chat-provide-${name}`,
    resolveId: (id) => (id === module ? `\0${module}` : null),
    load(id) {
      if (id !== `\0${module}`) return null;
      if (!chunkFiles[name]) this.error(`the ${name} chunk must be built before the one loading it (widget/rollup.bundles.mjs order)`);
      return `export default ${JSON.stringify(chunkFiles[name])};`;
    },
  };
}

export default [
  {
    ...common,
    // A complaint's progress and the patient's answer (issue 13), fetched by the contact chunk; its own Lit too.
    input: here('./contact/review-entry.ts'),
    output: { dir: out, format: 'iife', entryFileNames: 'review-[hash].js', sourcemap: SOURCE_MAPS },
    plugins: plugins([recordChunk('review'), removeStaleChunks('review')]),
  },
  {
    ...common,
    // Its own copy of Lit: two classic scripts cannot share modules without a global.
    input: here('./contact/contact-entry.ts'),
    output: { dir: out, format: 'iife', entryFileNames: 'contact-[hash].js', sourcemap: SOURCE_MAPS },
    plugins: plugins([reviewByScriptTag(), provideChunk('review'), recordChunk('contact'), removeStaleChunks('contact')]),
  },
  {
    ...common,
    // Its own copy of Lit, like the contact chunk.
    input: here('./attach/attach-entry.ts'),
    output: { dir: out, format: 'iife', entryFileNames: 'attach-[hash].js', sourcemap: SOURCE_MAPS },
    plugins: plugins([recordChunk('attach'), removeStaleChunks('attach')]),
  },
  {
    ...common,
    // Doctor cards and booking requests (issue 13 §3), fetched when the panel opens; its own Lit and words.
    input: here('./people/people-entry.ts'),
    output: { dir: out, format: 'iife', entryFileNames: 'people-[hash].js', sourcemap: SOURCE_MAPS },
    plugins: plugins([recordChunk('people'), removeStaleChunks('people')]),
  },
  ...['en', 'ru'].map((language) => ({
    ...common,
    // One language's words, fetched by the chat chunk for the language it shows.
    input: here(`./loader/words-${language}.ts`),
    output: { dir: out, format: 'iife', entryFileNames: `words-${language}-[hash].js`, sourcemap: SOURCE_MAPS },
    plugins: plugins([recordChunk(`words-${language}`), removeStaleChunks(`words-${language}`)]),
  })),
  {
    ...common,
    // The conversation's list (issue 13 §3 made room for the first screen): fetched by the chat chunk once there are messages.
    input: here('./loader/messages-entry.ts'),
    output: { dir: out, format: 'iife', entryFileNames: 'messages-[hash].js', sourcemap: SOURCE_MAPS },
    plugins: plugins([templatesOnly(), recordChunk('messages'), removeStaleChunks('messages')]),
  },
  {
    ...common,
    // Cookie mode's token source (issue 10 §4): fetched by the chat chunk only for credential="cookie".
    input: here('./loader/cookie-entry.ts'),
    output: { dir: out, format: 'iife', entryFileNames: 'cookie-[hash].js', sourcemap: SOURCE_MAPS },
    plugins: plugins([recordChunk('cookie'), removeStaleChunks('cookie')]),
  },
  {
    ...common,
    input: here('./loader/chat-chunk.ts'),
    output: { dir: out, format: 'iife', entryFileNames: 'chat-[hash].js', sourcemap: SOURCE_MAPS },
    plugins: plugins([
      chunksByScriptTag(),
      wordsByScriptTag(),
      provideChunk('contact'),
      provideChunk('attach'),
      provideChunk('people'),
      provideChunk('words-en'),
      provideChunk('words-ru'),
      provideChunk('messages'),
      provideChunk('cookie'),
      recordChunk('chunk'),
      removeStaleChunks('chat'),
    ]),
  },
  {
    ...common,
    input: here('./loader/widget-loader.ts'),
    output: { file: `${out}/widget.js`, format: 'iife', sourcemap: SOURCE_MAPS },
    plugins: plugins([provideChunk('chunk'), writeManifest()]),
  },
];
