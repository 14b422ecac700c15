/**
 * The console's single-key shortcuts (issue 12): J/K next and previous conversation, R reply,
 * N note, Esc back to the list, ? the list of shortcuts. Letters go by physical key, so they
 * work on a Russian layout too; keys typed into a field are text, except Esc.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ComposeMode } from './composer.ts';

export interface ShortcutActions {
  step(by: 1 | -1): void;
  compose(mode: ComposeMode): void;
  back(): void;
  help(): void;
}

/** Listed in the help dialog in this order; the labels are i18n keys. */
export const SHORTCUTS = [
  { keys: '↑ ↓', label: 'keys.move' },
  { keys: 'Enter', label: 'keys.open' },
  { keys: 'J / K', label: 'keys.nextPrevious' },
  { keys: 'R', label: 'keys.reply' },
  { keys: 'N', label: 'keys.note' },
  { keys: 'Esc', label: 'keys.back' },
  { keys: '?', label: 'keys.help' },
] as const;

const FIELDS = new Set(['INPUT', 'TEXTAREA', 'SELECT']);

export class KeyboardShortcuts implements ReactiveController {
  #lifetime: AbortController | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly actions: ShortcutActions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.#lifetime = new AbortController();
    document.addEventListener('keydown', (event) => this.#key(event), { signal: this.#lifetime.signal });
  }

  hostDisconnected(): void {
    this.#lifetime?.abort();
  }

  #key(event: KeyboardEvent): void {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    const path = event.composedPath();
    // An open dialog (staff, settings, this list) owns its keys; Esc closes it.
    if (path.some((node) => node instanceof HTMLDialogElement)) return;
    if (event.key === 'Escape') return this.actions.back();
    const target = path[0];
    if (target instanceof HTMLElement && (FIELDS.has(target.tagName) || target.isContentEditable)) return;
    const act = this.#action(event);
    if (!act) return;
    event.preventDefault();
    act();
  }

  #action(event: KeyboardEvent): (() => void) | undefined {
    if (event.key === '?') return () => this.actions.help();
    switch (event.code) {
      case 'KeyJ':
        return () => this.actions.step(1);
      case 'KeyK':
        return () => this.actions.step(-1);
      case 'KeyR':
        return () => this.actions.compose('reply');
      case 'KeyN':
        return () => this.actions.compose('note');
      default:
        return undefined;
    }
  }
}
