/** The hashed file name of the chat chunk, filled in by widget/rollup.bundles.mjs. */
declare module 'clinic-chat:chunk-file' {
  const file: string;
  export default file;
}
