/**
 * The widget's Trusted Types policy, "clinic-chat", for pages with
 * `require-trusted-types-for 'script'`: it passes the script URLs of the chat's own chunks
 * (built from widget.js's own address, never from page input) and the loader's constant
 * placeholder markup. Without Trusted Types the strings go through unchanged.
 */
interface Policy {
  createHTML(html: string): string;
  createScriptURL(url: string): string;
}

declare global {
  interface Window {
    trustedTypes?: { createPolicy(name: string, rules: Policy): Policy };
  }
}

const same = (value: string) => value;

/** Created once per script (the loader and the chat chunk each have one: README, "CSP"). */
export const trusted: Policy = window.trustedTypes?.createPolicy('clinic-chat', { createHTML: same, createScriptURL: same }) ?? {
  createHTML: same,
  createScriptURL: same,
};
