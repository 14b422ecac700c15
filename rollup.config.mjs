// Browser bundles. Each browser-facing part keeps its own build list beside its code;
// this file only gathers them so `npm run build` (rollup -c) builds everything, and adds
// the pre-compressed copies (`.br`, `.gz`) of every file each build writes.
import widget from './widget/rollup.bundles.mjs';
import consoleApp from './console/rollup.bundles.mjs';
import { precompress } from './scripts/precompress.mjs';

export default [...widget, ...consoleApp].map((config) => ({ ...config, plugins: [...(config.plugins ?? []), precompress()] }));
