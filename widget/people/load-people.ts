/**
 * Fetches the people chunk for a bundler's build (`clinic-chat/widget`): a dynamic import,
 * one split chunk. The script-tag build replaces this module with loader/people-script.ts
 * (widget/rollup.bundles.mjs), as a classic script cannot import().
 */
export function loadPeople(): void {
  void import('./people-entry.ts');
}
