import { protocolError, type ProtocolError } from '../../protocol/errors.ts';
import { LIMITS } from '../../protocol/limits.ts';
import { textProblem } from '../../protocol/message-text.ts';

/** The protocol's text rule (the one every sender checks too) as the relay's refusal: null when acceptable. */
export function checkText(text: string): ProtocolError | null {
  const problem = textProblem(text);
  if (problem === 'TEXT_TOO_LONG') return protocolError(problem, { max: LIMITS.messageTextMax, length: text.length });
  return problem ? protocolError(problem) : null;
}
