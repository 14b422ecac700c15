/** A stylesheet imported as its text (console/rollup.bundles.mjs, `cssAsText`). */
declare module '*.css' {
  const text: string;
  export default text;
}
