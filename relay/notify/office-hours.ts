/**
 * A clinic's free-text office hours ("Пн–Пт 8:00–21:00, Сб–Вс 9:00–18:00",
 * "Mon-Fri 9:00-18:00; Sat 10-14", "ежедневно 9:00–21:00") read well enough to mute staff
 * alerts at night. Anything this cannot read (a note such as "Вс — выходной", an unknown
 * word) makes the whole text unreadable, and unreadable hours never mute: an alert too
 * many is better than a patient nobody hears. Times are the relay's local time (its TZ).
 * Only for a clinic without a weekly schedule: ../hours/clinic-hours.ts decides.
 */

/** Minutes since midnight, [from, to), per weekday (0 = Sunday, as Date#getDay). */
export type WeekHours = [from: number, to: number][][];

const DAY_NAMES: Record<string, number> = {
  вс: 0,
  пн: 1,
  вт: 2,
  ср: 3,
  чт: 4,
  пт: 5,
  сб: 6,
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
};
const EVERY_DAY = /^(ежедневно|каждый день|daily|every day)$/;
const DASH = '[-–—]';
const TIME = '(\\d{1,2})(?::(\\d{2}))?';
const SEGMENT = new RegExp(`^(.+?)\\s*:?\\s+${TIME}\\s*${DASH}\\s*${TIME}$`);
const DAY_RANGE = new RegExp(`^([^\\s–—-]+)\\s*(?:${DASH}\\s*([^\\s–—-]+))?$`);
const DAY_MINUTES = 24 * 60;

/** "Пн", "пн.", "Mon", "Monday" → 1; null for anything else. */
function day(word: string): number | null {
  const w = word.toLowerCase().replace(/\.$/, '');
  return DAY_NAMES[w.slice(0, 3)] ?? DAY_NAMES[w.slice(0, 2)] ?? null;
}

function minutes(hours: string, mins: string | undefined): number | null {
  const h = Number(hours);
  const m = mins === undefined ? 0 : Number(mins);
  return h <= 24 && m < 60 && h * 60 + m <= DAY_MINUTES ? h * 60 + m : null;
}

function days(text: string): number[] | null {
  const words = text.trim().toLowerCase();
  if (EVERY_DAY.test(words)) return [0, 1, 2, 3, 4, 5, 6];
  const list: number[] = [];
  for (const part of words.split(/\s*\/\s*|\s+и\s+|\s+and\s+/)) {
    const range = DAY_RANGE.exec(part);
    const first = range ? day(range[1]!) : null;
    const last = range?.[2] === undefined ? first : day(range[2]);
    if (first === null || last === null) return null;
    for (let d = first; ; d = (d + 1) % 7) {
      list.push(d);
      if (d === last) break;
    }
  }
  return list;
}

/** The week's opening intervals, or null when any part of the text is unreadable. */
export function parseOfficeHours(text: string | null): WeekHours | null {
  if (!text?.trim()) return null;
  const week: WeekHours = [[], [], [], [], [], [], []];
  for (const segment of text
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const match = SEGMENT.exec(segment);
    const open = match && days(match[1]!);
    const from = match && minutes(match[2]!, match[3]);
    const to = match && minutes(match[4]!, match[5]);
    if (!open || from === null || to === null || from === to) return null;
    for (const d of open) {
      if (from < to) week[d]!.push([from, to]);
      else {
        // Past midnight: the rest of this day and the start of the next.
        week[d]!.push([from, DAY_MINUTES]);
        week[(d + 1) % 7]!.push([0, to]);
      }
    }
  }
  return week;
}
