/**
 * Optional desktop notification and sound when a patient writes while the console is
 * not being looked at. Off by default; the choice is kept per browser. Notifications
 * name the patient only, never the text, so nothing medical shows on a locked screen.
 *
 * Browsers start audio only after a user gesture in the page: after a reload with alerts
 * on, the sound stays muted (`soundBlocked`) until the next click or key press resumes it.
 */
import { Observable } from './observable.ts';

const STORAGE_KEY = 'clinic-chat.console.alerts';
const TONE = { hz: 880, seconds: 0.18, gain: 0.05 } as const;
/** Gestures that let a page start audio. */
const GESTURES = ['pointerdown', 'keydown'] as const;

export class AttentionAlerts extends Observable {
  enabled: boolean;
  #audio: AudioContext | null = null;
  readonly #lifetime = new AbortController();

  constructor() {
    super();
    this.enabled = readPreference();
    if (this.enabled) this.#prepareAudio();
  }

  /** On, with a sound the browser does not yet let play: the UI asks for a click. */
  get soundBlocked(): boolean {
    return this.enabled && this.#audio !== null && this.#audio.state !== 'running';
  }

  /** Called from the toggle's click, a user gesture: permission prompts and audio need one. */
  async setEnabled(enabled: boolean): Promise<void> {
    this.enabled = enabled;
    writePreference(enabled);
    if (enabled) {
      this.#prepareAudio();
      void this.resumeSound();
      if (typeof Notification === 'function' && Notification.permission === 'default') await Notification.requestPermission();
    }
    this.changed();
  }

  /** Lets the sound play; works only inside a user gesture. */
  async resumeSound(): Promise<void> {
    if (this.#audio?.state === 'suspended') await this.#audio.resume();
  }

  patientWrote(title: string, isOnScreen: boolean): void {
    if (!this.enabled || (isOnScreen && document.visibilityState === 'visible')) return;
    this.#beep();
    if (typeof Notification === 'function' && Notification.permission === 'granted' && document.visibilityState !== 'visible') {
      new Notification(title, { tag: 'clinic-chat-console' });
    }
  }

  dispose(): void {
    this.#lifetime.abort();
    void this.#audio?.close();
    this.#audio = null;
  }

  /** Makes the audio context (suspended outside a gesture) and resumes it on the next gesture. */
  #prepareAudio(): void {
    if (this.#audio || typeof AudioContext !== 'function') return;
    const audio = new AudioContext();
    this.#audio = audio;
    const signal = this.#lifetime.signal;
    audio.addEventListener('statechange', () => this.changed(), { signal });
    const resume = () => {
      if (audio.state === 'suspended') audio.resume().catch((error: unknown) => console.warn('[console] sound not resumed', error));
    };
    for (const gesture of GESTURES) document.addEventListener(gesture, resume, { signal, capture: true });
  }

  #beep(): void {
    const audio = this.#audio;
    if (!audio || audio.state !== 'running') return;
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
