/**
 * Writing guidance for staff (issue 13 §2, R14), from the complaint playbook (seed 000):
 * advice shown while a reply is written, never blocking it. Pure functions over the
 * draft, one rule list for Russian and English, no runtime dependencies, so the console
 * runs them as the staff member types and the relay could run the same ones.
 *
 * ```ts
 * adviseOn('Пришлите номер паспорта', { firstReply: true }); // → [{ rule: 'personal-data', … }, { rule: 'no-greeting' }]
 * ```
 */

export const GUIDANCE_RULES = ['personal-data', 'delete-review', 'jargon', 'blame', 'no-greeting'] as const;
export type GuidanceRule = (typeof GUIDANCE_RULES)[number];

export interface GuidanceOptions {
  /** The clinic's first reply in the conversation: personal data and a missing greeting matter there. */
  firstReply: boolean;
  /** Rules the owner switched off. */
  off?: readonly GuidanceRule[];
  /** Jargon the owner added to the built-in list (matched as whole words, any case). */
  jargon?: readonly string[];
}

export interface Advice {
  rule: GuidanceRule;
  /** The words that triggered it, when a rule matched words (shown next to the advice). */
  match?: string;
}

// \p{L} word edges: JavaScript's \b knows only ASCII letters, and half the rules are Russian.
const words = (alternatives: readonly string[]) => new RegExp(`(?<![\\p{L}\\d])(?:${alternatives.join('|')})(?![\\p{L}\\d])`, 'iu');

/** Asking for identity documents or full personal details. */
const PERSONAL_DATA = words([
  'паспорт\\p{L}*',
  'снилс\\p{L}*',
  'полис\\p{L}*',
  'фио',
  'дат\\p{L}* рождения',
  'номер\\p{L}* (?:телефона|карты|договора)',
  'passport',
  'social security',
  'insurance (?:policy|number)',
  'date of birth',
  'full name',
  'card number',
]);

/** Asking the patient to delete or change their review. */
const DELETE_REVIEW = words([
  '(?:удал|измен|исправ|убер|снимите|снять)\\p{L}*(?:\\s+\\p{L}+)?\\s+(?:ваш\\p{L}*\\s+)?отзыв\\p{L}*',
  'отзыв\\p{L}*\\s+(?:\\p{L}+\\s+)?(?:удал|измен|исправ|убр)\\p{L}*',
  '(?:delete|remove|change|edit|take down|update)\\s+(?:your\\s+|the\\s+)?review',
]);

/** Suspecting or blaming the patient. */
const BLAME = words([
  'сами виноват\\p{L}*',
  'ваша вина',
  'по вашей вине',
  'надо было',
  'вы не (?:выполнил\\p{L}*|соблюдал\\p{L}*|прочитал\\p{L}*)',
  'конкурент\\p{L}*',
  'антипиар\\p{L}*',
  'your (?:own )?fault',
  'you should have',
  'you failed to',
  "you didn't follow",
  'competitor\\p{L}*',
]);

const GREETING = words([
  'здравствуйте',
  'добр\\p{L}+ (?:день|утро|вечер)',
  'привет\\p{L}*',
  'спасибо',
  'благодар\\p{L}*',
  'hello',
  'hi',
  'dear',
  'good (?:morning|afternoon|evening)',
  'thanks?',
  'thank you',
  'grateful',
]);

/** Medical terms a patient may not know; the owner adds more. */
export const JARGON: readonly string[] = [
  'анамнез',
  'этиология',
  'патогенез',
  'экссудат',
  'гиперемия',
  'пальпация',
  'идиопатическ\\p{L}*',
  'ятрогенн\\p{L}*',
  'контраиндикаци\\p{L}*',
  'anamnesis',
  'etiology',
  'idiopathic',
  'iatrogenic',
  'exudate',
  'hyperemia',
  'contraindication\\p{L}*',
  'palpation',
];

const escape = (word: string) => word.trim().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The advice for a draft, in the order of GUIDANCE_RULES; empty for a blank draft. */
export function adviseOn(text: string, { firstReply, off = [], jargon = [] }: GuidanceOptions): Advice[] {
  if (text.trim() === '') return [];
  const found: Advice[] = [];
  const check = (rule: GuidanceRule, pattern: RegExp, when = true) => {
    if (!when || off.includes(rule)) return;
    const match = pattern.exec(text)?.[0];
    if (match) found.push({ rule, match });
  };
  check('personal-data', PERSONAL_DATA, firstReply);
  check('delete-review', DELETE_REVIEW);
  const added = jargon.map(escape).filter(Boolean);
  check('jargon', words([...JARGON, ...added]));
  check('blame', BLAME);
  if (firstReply && !off.includes('no-greeting') && !GREETING.test(text)) found.push({ rule: 'no-greeting' });
  return found;
}

/** What each piece of advice says, per language. */
export const ADVICE_TEXT: Record<GuidanceRule, { ru: string; en: string }> = {
  'personal-data': {
    ru: 'Не начинайте с запроса персональных данных: сначала предложите решение.',
    en: 'Do not open by asking for personal data: propose a solution first.',
  },
  'delete-review': {
    ru: 'Не просите удалить или изменить отзыв — цель решить проблему пациента.',
    en: 'Do not ask to delete or change the review — the goal is to solve the problem.',
  },
  'jargon': { ru: 'Медицинский термин: объясните простыми словами.', en: 'Medical jargon: explain it in plain words.' },
  'blame': { ru: 'Не обвиняйте и не подозревайте пациента.', en: 'Do not blame or suspect the patient.' },
  'no-greeting': {
    ru: 'Поздоровайтесь и поблагодарите за отзыв в первом ответе.',
    en: 'Greet the patient and thank them for the feedback in your first reply.',
  },
};
