import { protocolError, type ProtocolError } from '../../protocol/errors.ts';
import { LIMITS } from '../../protocol/limits.ts';

/** Checks a message text after schema validation: null when acceptable. */
export function checkText(text: string): ProtocolError | null {
  if (text.trim().length === 0) return protocolError('TEXT_EMPTY');
  if (text.length > LIMITS.messageTextMax) return protocolError('TEXT_TOO_LONG', { max: LIMITS.messageTextMax, length: text.length });
  return null;
}
