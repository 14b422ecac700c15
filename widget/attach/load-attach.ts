/**
 * Fetches the attach chunk for a bundler's build (`clinic-chat/widget`): a dynamic import,
 * one split chunk. The script-tag build replaces this module with loader/attach-script.ts
 * (widget/rollup.bundles.mjs), as a classic script cannot import().
 */
export function loadAttach(): void {
  void import('./attach-entry.ts');
}
