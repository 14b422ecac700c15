/**
 * Fetches `<clinic-chat-review>` for a bundler's build: a dynamic import, one split chunk.
 * The script-tag build replaces this module with loader/review-script.ts
 * (widget/rollup.bundles.mjs), as a classic script cannot import().
 */
export function loadReview(): void {
  void import('./review-entry.ts');
}
