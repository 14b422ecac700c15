import { css } from 'lit';

/** Shared look: calm neutrals, one accent, a distinct tint for private notes. */
export const theme = css`
  :host {
    --cc-font: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
    --cc-text: #1d2329;
    --cc-muted: #55606b;
    --cc-border: #d5dbe1;
    --cc-surface: #ffffff;
    --cc-background: #f4f6f8;
    --cc-accent: #0b5cad;
    --cc-accent-text: #ffffff;
    --cc-selected: #e3eefa;
    --cc-note: #fff6d6;
    --cc-note-border: #c9a227;
    --cc-danger: #a4161a;
    --cc-radius: 8px;
    font-family: var(--cc-font);
    color: var(--cc-text);
    box-sizing: border-box;
  }
  *, *::before, *::after { box-sizing: inherit; }
  button {
    font: inherit;
    border: 1px solid var(--cc-border);
    background: var(--cc-surface);
    color: var(--cc-text);
    border-radius: 6px;
    padding: 0.35rem 0.75rem;
    cursor: pointer;
  }
  button.primary { background: var(--cc-accent); border-color: var(--cc-accent); color: var(--cc-accent-text); }
  button:disabled { opacity: 0.6; cursor: default; }
  /* Fingers need room: 44 px targets on phones and touch screens. */
  @media (max-width: 767px), (pointer: coarse) {
    button, select { min-height: 44px; min-width: 44px; }
  }
  :focus-visible { outline: 2px solid var(--cc-accent); outline-offset: 2px; }
  .visually-hidden {
    position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
    overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
  }
`;
