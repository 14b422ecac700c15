/**
 * The launcher's look, as plain strings: the loader draws the same button before Lit
 * arrives, so the swap to the element's own launcher is invisible. One rule a line, joined
 * without line breaks (the loader counts every byte).
 */

/** A speech bubble, 24×24. */
export const LAUNCHER_ICON = 'M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z';

/**
 * The launcher sits at the top of the page's stacking order (the open panel goes further,
 * into the top layer: panel-styles.ts); `--clinic-chat-offset-y` (`data-offset-bottom`)
 * lifts it above a bottom banner.
 *
 * `all: initial` on the host cuts every inherited property the page sets (fonts, colours,
 * `all: unset !important`): an !important rule of a shadow tree beats the page's.
 */
export const LAUNCHER_CSS =
  ':host{all:initial!important;display:block!important;position:static!important;visibility:visible!important}' +
  '.root{position:fixed;z-index:var(--clinic-chat-z-index,2147483647);bottom:var(--clinic-chat-offset-y,20px);right:var(--clinic-chat-offset-x,20px);display:flex;--_accent:var(--clinic-chat-accent,var(--_accent-attr,#0b6e4f));--_on-accent:var(--clinic-chat-accent-text,#fff)}' +
  '.root.left{right:auto;left:var(--clinic-chat-offset-x,20px)}' +
  '.launcher{all:unset;box-sizing:border-box;position:relative;display:inline-flex;align-items:center;justify-content:center;width:56px;height:56px;border-radius:50%;background:var(--_accent);color:var(--_on-accent);cursor:pointer;box-shadow:0 4px 14px rgba(0,0,0,.25)}' +
  '.launcher:focus-visible{outline:3px solid var(--_accent);outline-offset:3px}' +
  '.launcher svg{width:26px;height:26px;fill:currentColor}';

/**
 * The root as the element lays it out, with the panel above the launcher: nothing here
 * changes how a lone launcher looks (a flex item of fixed size, no text), so the loader's
 * placeholder leaves it out.
 */
export const ROOT_CSS =
  '.root{flex-direction:column;align-items:flex-end;gap:12px;font:15px/1.4 var(--clinic-chat-font,system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif);color:var(--clinic-chat-text,#1d2327)}' +
  '.root.left{align-items:flex-start}';

/** The unread badge: drawn only by the element, once there is something unread. */
export const BADGE_CSS =
  '.badge{position:absolute;top:-4px;right:-4px;min-width:20px;height:20px;padding:0 5px;box-sizing:border-box;border-radius:10px;background:#b3261e;color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center}';
