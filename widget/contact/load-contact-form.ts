/**
 * Fetches `<clinic-chat-contact>` for a bundler's build (`clinic-chat/widget`): a dynamic
 * import, one split chunk. The script-tag build replaces this module with
 * loader/contact-script.ts (widget/rollup.bundles.mjs), as a classic script cannot import().
 */
export function loadContactForm(): void {
  void import('./contact-entry.ts');
}
