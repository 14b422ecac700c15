import { locale, t } from '../i18n/index.ts';
import { ClientError, asClientError, type ClientErrorCode } from '../../widget/client/client-core.ts';
import type { MessageKey } from '../i18n/index.ts';

const timeOfDay = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
const dayAndTime = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
const fullDate = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' });

const sameDay = (a: Date, b: Date) => a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** Short time for lists: "14:05" today, "3 Nov, 14:05" otherwise. */
export function shortTime(ms: number, now = new Date()): string {
  const date = new Date(ms);
  return sameDay(date, now) ? timeOfDay.format(date) : dayAndTime.format(date);
}

/** For `title` and `datetime`-style tooltips. */
export function longTime(ms: number): string {
  return fullDate.format(new Date(ms));
}

const MINUTE = 60_000;

/** How long someone has waited: "12 min", "2 h 5 min", "3 d 4 h". */
export function waitTime(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / MINUTE));
  if (minutes < 60) return t('time.minutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('time.hours', { h: hours, m: minutes % 60 });
  return t('time.days', { d: Math.floor(hours / 24), h: hours % 24 });
}

const KNOWN_ERRORS = new Set<ClientErrorCode>([
  'ALREADY_TAKEN',
  'FORBIDDEN',
  'THREAD_CLOSED',
  'NOT_FOUND',
  'TEXT_TOO_LONG',
  'TEXT_EMPTY',
  'OFFLINE',
  'CONTACT_INVALID',
]);

/** The end of a sentence that explains why something failed. */
export function errorReason(code: ClientErrorCode): string {
  return KNOWN_ERRORS.has(code) ? t(`error.${code}` as MessageKey) : t('error.other', { code });
}

/**
 * The sentence for a refused form: when the relay names the field it rejected (BAD_REQUEST's
 * `data.path`, e.g. `/origins/2`) and the form has a reason for that field, that reason;
 * otherwise the code's.
 */
export function refusal(error: unknown, reasons: Partial<Record<string, MessageKey>> = {}): string {
  const code = asClientError(error).code;
  const path = error instanceof ClientError ? error.data?.path : undefined;
  const field = code === 'BAD_REQUEST' && typeof path === 'string' ? path.split('/')[1] : undefined;
  const key = field ? reasons[field] : undefined;
  return t('actions.failed', { reason: key ? t(key) : errorReason(code) });
}
