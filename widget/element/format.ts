/** Times, days and initials, in the widget's language. */
import type { Language } from '../i18n/index.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

export function startOfDay(time: number): number {
  const date = new Date(time);
  date.setHours(0, 0, 0, 0);
  return date.getTime();
}

export function formatTime(time: number, language: Language): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit' }).format(time);
}

/** "today", "yesterday", or the date (with the year when it is not this year). */
export function formatDay(time: number, language: Language, words: { today: string; yesterday: string }): string {
  const day = startOfDay(time);
  const today = startOfDay(Date.now());
  if (day === today) return words.today;
  if (day === startOfDay(today - DAY_MS / 2)) return words.yesterday;
  const sameYear = new Date(day).getFullYear() === new Date(today).getFullYear();
  return new Intl.DateTimeFormat(language, sameYear ? { day: 'numeric', month: 'long' } : { day: 'numeric', month: 'long', year: 'numeric' }).format(day);
}

/** Up to two initials for an avatar, skipping titles such as "Dr.". */
export function initials(name: string): string {
  const words = name.split(/\s+/).filter((word) => word && !word.endsWith('.'));
  return (
    words
      .slice(0, 2)
      .map((word) => word[0]!.toUpperCase())
      .join('') || '?'
  );
}

/** Only web links become the booking button: a `javascript:` URL must never be clickable. */
export function safeWebUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    // Not a URL at all: there is no link to show.
    return null;
  }
}
