import { css } from 'lit';

/** The look of the console's modal dialogs (staff, clinic settings): a sheet over a dimmed page, a labelled form. */
export const dialogStyles = css`
  dialog { width: min(44rem, 94vw); max-height: 90vh; border: 1px solid var(--cc-border); border-radius: var(--cc-radius); padding: 1rem 1.25rem; }
  dialog::backdrop { background: rgb(0 0 0 / 0.3); }
  .top { display: flex; justify-content: space-between; align-items: center; }
  h2 { font-size: 1.1rem; margin: 0; }
  h3 { font-size: 1rem; margin: 1rem 0 0.5rem; }
  form { display: grid; gap: 0.35rem; }
  label { font-weight: 600; font-size: 0.9rem; }
  input, textarea, select { font: inherit; padding: 0.4rem 0.55rem; border: 1px solid #8a96a3; border-radius: 6px; background: var(--cc-surface); color: var(--cc-text); }
  textarea { min-height: 4rem; resize: vertical; }
  .hint { color: var(--cc-muted); font-size: 0.85rem; margin: 0 0 0.35rem; }
  .actions { display: flex; gap: 0.5rem; margin-top: 0.25rem; align-items: center; }
  .error { color: var(--cc-danger); margin: 0; }
`;
