import { protocolError, type ProtocolError } from '../../protocol/errors.ts';
import { LIMITS } from '../../protocol/limits.ts';
import { messageTextProblem, textProblem } from '../../protocol/message-text.ts';

/** The protocol's text rule (the one every sender checks too) as the relay's refusal: null when acceptable. */
export function checkText(text: string): ProtocolError | null {
  const problem = textProblem(text);
  if (problem === 'TEXT_TOO_LONG') return protocolError(problem, { max: LIMITS.messageTextMax, length: text.length });
  return problem ? protocolError(problem) : null;
}

/** As `checkText` for a message carrying `attachments` files: with one or more, the text may be blank. */
export function checkMessageText(text: string, attachments: number): ProtocolError | null {
  return messageTextProblem(text, attachments) === null ? null : checkText(text);
}
