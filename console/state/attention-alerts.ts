/**
 * Optional desktop notification and sound when a patient writes while the console is
 * not being looked at. Off by default; the choice is kept per browser. Notifications
 * name the patient only, never the text, so nothing medical shows on a locked screen.
 */
import { Observable } from './observable.ts';

const STORAGE_KEY = 'clinic-chat.console.alerts';
const TONE = { hz: 880, seconds: 0.18, gain: 0.05 } as const;

export class AttentionAlerts extends Observable {
  enabled: boolean;
  #audio: AudioContext | null = null;

  constructor() {
    super();
    this.enabled = readPreference();
  }

  /** Called from the toggle's click, a user gesture: permission prompts and audio need one. */
  async setEnabled(enabled: boolean): Promise<void> {
    this.enabled = enabled;
    writePreference(enabled);
    if (enabled) {
      this.#audio ??= typeof AudioContext === 'function' ? new AudioContext() : null;
      if (typeof Notification === 'function' && Notification.permission === 'default') await Notification.requestPermission();
    }
    this.changed();
  }

  patientWrote(title: string, isOnScreen: boolean): void {
    if (!this.enabled || (isOnScreen && document.visibilityState === 'visible')) return;
    this.#beep();
    if (typeof Notification === 'function' && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
      new Notification(title, { tag: 'clinic-chat-console' });
    }
  }

  dispose(): void {
    void this.#audio?.close();
    this.#audio = null;
  }

  #beep(): void {
    const audio = this.#audio;
    if (!audio) return;
    const oscillator = audio.createOscillator();
    const gain = audio.createGain();
    oscillator.frequency.value = TONE.hz;
    gain.gain.value = TONE.gain;
    oscillator.connect(gain).connect(audio.destination);
    oscillator.start();
    oscillator.stop(audio.currentTime + TONE.seconds);
  }
}

function readPreference(): boolean {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'on';
  } catch (error) {
    // Storage blocked by the browser's privacy settings: alerts stay off.
    console.warn('[console] alert preference unreadable', error);
    return false;
  }
}

function writePreference(enabled: boolean): void {
  try {
    localStorage.setItem(STORAGE_KEY, enabled ? 'on' : 'off');
  } catch (error) {
    console.warn('[console] alert preference not saved', error);
  }
}
