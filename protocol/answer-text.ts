/**
 * Variables in ready answers (issue 9): `{name}` becomes the patient's name when they gave
 * one. Without a name the greeting stays neutral: the placeholder goes with the comma or
 * space before it ("Здравствуйте, {name}!" → "Здравствуйте!"), or after it when it opens
 * the text. One rule for the relay (`answers:use`) and any preview. No runtime dependencies.
 */
export const ANSWER_NAME_VARIABLE = '{name}';

export function fillAnswer(text: string, name: string | null): string {
  const given = name?.trim();
  if (given) return text.replaceAll(ANSWER_NAME_VARIABLE, given);
  return text
    .replace(/^\s*\{name\}[,!]?\s*/, '')
    .replace(/[ \t]*,?[ \t]*\{name\}/g, '')
    .trimStart();
}
