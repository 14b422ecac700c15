/**
 * Whether a message text is one the relay stores: the rule every sender checks before
 * sending, and the relay after validating the payload. No runtime dependencies.
 */
import { LIMITS } from './limits.ts';

export type TextProblem = 'TEXT_EMPTY' | 'TEXT_TOO_LONG';

/** Why the relay would refuse this text, or null: blank, or longer than `LIMITS.messageTextMax`. */
export function textProblem(text: string): TextProblem | null {
  return text.trim().length === 0 ? 'TEXT_EMPTY' : text.length > LIMITS.messageTextMax ? 'TEXT_TOO_LONG' : null;
}

/** As `textProblem`, for a message carrying `attachments` files: with one or more, the text may be blank. */
export function messageTextProblem(text: string, attachments: number): TextProblem | null {
  const problem = textProblem(text);
  return problem === 'TEXT_EMPTY' && attachments > 0 ? null : problem;
}
