/**
 * How conversation search reads text (issue 12 §2), shared so that the relay's index and
 * the console's highlighting agree: lower case, ё→е, words of letters and digits (an
 * e-mail address is also one word), and for a query a light Russian/English suffix strip
 * so that "болела" finds "болит" through the prefix "бол". Prefix search makes a full
 * stemmer unnecessary: the index keeps whole words, a query word matches every indexed
 * word it begins. No runtime dependencies.
 */

/** Query words shorter than this would match half the dictionary. */
export const MIN_QUERY_WORD = 2;
/** Words longer than this are cut: nobody types more to find them. */
export const MAX_WORD = 32;
/** At most this many words of a query are used. */
export const MAX_QUERY_WORDS = 5;

const WORD = /[\p{L}\p{N}]+(?:[@.+_-][\p{L}\p{N}]+)*/gu;

export const normalize = (text: string): string => text.toLowerCase().replaceAll('ё', 'е');

/**
 * The distinct words of a text as the index keeps them; an address also gives its parts.
 * Words shorter than a query word ("и", "в", "a") are left out: no query can find them,
 * and in Russian they are in almost every message, each a write on the hot path (issue 14 §5).
 */
export function indexWords(text: string): string[] {
  const words = new Set<string>();
  const add = (word: string) => {
    if (word.length >= MIN_QUERY_WORD) words.add(word.slice(0, MAX_WORD));
  };
  for (const [match] of normalize(text).matchAll(WORD)) {
    add(match);
    if (/[@.+_-]/.test(match)) for (const part of match.split(/[@.+_-]/)) add(part);
  }
  return [...words];
}

/**
 * Function words a message's index leaves out: they are in most messages, so their
 * postings would hold nearly every message (the largest sets, and a write per message each
 * on the hot path, issue 14 §5) while narrowing no search. Kept to words that carry no
 * meaning alone; "нет", "больше", "можно" stay searchable. A query ignores them too when
 * it has other words. Patients' names are indexed whole ("Ли" is a surname).
 */
const STOP_WORDS = new Set([
  ...[
    'без',
    'бы',
    'во',
    'да',
    'для',
    'до',
    'же',
    'за',
    'из',
    'или',
    'как',
    'ко',
    'ли',
    'на',
    'над',
    'не',
    'ни',
    'но',
    'об',
    'от',
    'по',
    'под',
    'при',
    'про',
    'со',
    'так',
    'то',
    'что',
    'это',
  ],
  ...['an', 'and', 'are', 'as', 'at', 'be', 'by', 'for', 'in', 'is', 'it', 'of', 'on', 'or', 'the', 'to'],
]);

/** The words of a message as the index keeps them: `indexWords` without the function words. */
export function messageWords(text: string): string[] {
  return indexWords(text).filter((word) => !STOP_WORDS.has(word));
}

/** A Russian number dialled with the trunk prefix 8 is the same as +7. */
const international = (digits: string): string => (digits.length >= 5 && digits[0] === '8' ? `7${digits.slice(1)}` : digits);

/** A phone as the index keeps it: its digits (8… written +7…), and without the country code. */
export function phoneWords(phone: string): string[] {
  const digits = international(phone.replace(/\D/g, ''));
  if (digits.length < 5) return [];
  return digits.length === 11 && digits[0] === '7' ? [digits, digits.slice(1)] : [digits];
}

// Longest first, so "ами" is taken before "и". Kept short on purpose: over-stripping only widens the prefix.
const RU_ENDINGS = [
  'иями',
  'ями',
  'ами',
  'ого',
  'его',
  'ому',
  'ему',
  'ыми',
  'ими',
  'ией',
  'ая',
  'яя',
  'ое',
  'ее',
  'ые',
  'ие',
  'ый',
  'ий',
  'ой',
  'ей',
  'ом',
  'ем',
  'ам',
  'ям',
  'ах',
  'ях',
  'ов',
  'ев',
  'ла',
  'ло',
  'ли',
  'ит',
  'ет',
  'ат',
  'ят',
  'ут',
  'ют',
  'а',
  'я',
  'о',
  'е',
  'ы',
  'и',
  'у',
  'ю',
  'ь',
];
const EN_ENDINGS = ['ing', 'ies', 'es', 'ed', 's'];
/** A stem shorter than this is not cut further. */
const MIN_STEM = 3;

function stem(word: string): string {
  const endings = /[а-я]/.test(word) ? RU_ENDINGS : /[a-z]/.test(word) ? EN_ENDINGS : [];
  for (const ending of endings) {
    if (word.endsWith(ending) && word.length - ending.length >= MIN_STEM) return word.slice(0, -ending.length);
  }
  return word;
}

/**
 * The prefixes a query looks up: each word stemmed, digits of a phone kept whole. Function
 * words are left out when the query has other words (messages are indexed without them);
 * a query of nothing else keeps them, as prefixes of longer words and of names.
 */
export function queryPrefixes(query: string): string[] {
  const prefixes = new Set<string>();
  const matched = [...normalize(query).matchAll(WORD)].map(([match]) => match);
  const meaningful = matched.filter((word) => !STOP_WORDS.has(word));
  for (const match of meaningful.length > 0 ? meaningful : matched) {
    const word = match.slice(0, MAX_WORD);
    const digits = word.replace(/\D/g, '');
    const prefix = digits.length === word.length ? international(word) : stem(word);
    if (prefix.length >= MIN_QUERY_WORD) prefixes.add(prefix);
    if (prefixes.size === MAX_QUERY_WORDS) break;
  }
  return [...prefixes];
}

/**
 * Where a text matches a query, for highlighting: [start, end) ranges of the words that
 * begin with one of the query's prefixes, in order. Offsets are the original text's (ё→е
 * and lower-casing keep lengths for Russian and English).
 */
export function matchRanges(text: string, prefixes: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const match of normalize(text).matchAll(WORD)) {
    if (prefixes.some((prefix) => match[0].startsWith(prefix))) ranges.push([match.index, match.index + match[0].length]);
  }
  return ranges;
}
