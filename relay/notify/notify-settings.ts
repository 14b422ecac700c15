/**
 * How long each notification waits, and how long its artefacts live: the defaults a
 * clinic starts with, and the one rule that says which value applies — the relay-wide
 * override (NOTIFY_*_AFTER_SECONDS, for tests and demos) first, then the clinic's own.
 */
import type { RelayConfig } from '../config.ts';

export const NOTIFY_DEFAULTS = {
  /** A staff reply unread by an absent patient this long sends one notice: 10 minutes. */
  patientAfterSeconds: 10 * 60,
  /** A patient message unanswered this long e-mails the responsible staff: 5 minutes. */
  staffAfterSeconds: 5 * 60,
  /** Still unanswered this long: an SMS to the escalation contacts: 30 minutes. */
  escalateAfterSeconds: 30 * 60,
  /** At most one patient notice per thread this often: 6 hours, so a busy thread is no spam. */
  patientCooldownSeconds: 6 * 60 * 60,
  /** A resume link works this long (once): 7 days. */
  linkTtlSeconds: 7 * 24 * 60 * 60,
} as const;

export interface NotifyDelays {
  patientAfterSeconds: number;
  staffAfterSeconds: number;
  escalateAfterSeconds: number;
}

type Overrides = Pick<RelayConfig, 'notifyPatientAfterSeconds' | 'notifyStaffAfterSeconds' | 'notifyEscalateAfterSeconds'>;

/** The delays that apply to a clinic: the relay's override, else the clinic's setting, else the default. */
export function effectiveDelays(config: Overrides, clinic: Partial<NotifyDelays> = {}): NotifyDelays {
  return {
    patientAfterSeconds: config.notifyPatientAfterSeconds ?? clinic.patientAfterSeconds ?? NOTIFY_DEFAULTS.patientAfterSeconds,
    staffAfterSeconds: config.notifyStaffAfterSeconds ?? clinic.staffAfterSeconds ?? NOTIFY_DEFAULTS.staffAfterSeconds,
    escalateAfterSeconds: config.notifyEscalateAfterSeconds ?? clinic.escalateAfterSeconds ?? NOTIFY_DEFAULTS.escalateAfterSeconds,
  };
}
