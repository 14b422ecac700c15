// Browser bundles. Each browser-facing part keeps its own build list beside its code;
// this file only gathers them so `npm run build` (rollup -c) builds everything.
import widget from './widget/rollup.bundles.mjs';
import consoleApp from './console/rollup.bundles.mjs';

export default [...widget, ...consoleApp];
