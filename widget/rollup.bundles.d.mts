// Types of rollup.bundles.mjs for TypeScript callers (chaos/browser-patients.ts).
import type { InputPluginOption, RollupOptions } from 'rollup';

/** What every widget build shares (warnings). */
export const common: Pick<RollupOptions, 'onwarn'>;
/** The script tag's plugins: the Socket.IO shims, TypeScript through esbuild, and (by default) minifying. */
export function plugins(extra?: InputPluginOption[], options?: { minify?: boolean }): InputPluginOption[];
