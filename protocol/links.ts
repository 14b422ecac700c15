/**
 * Paths of the links the relay sends out of the page, relative to its public origin:
 * built by the relay's notification templates and routed by the console and the relay,
 * so both sides agree on one scheme. No runtime dependencies.
 */
import type { ThreadId } from './stream-ids.ts';

/** A resume link's one-time code: 128 random bits as 22 URL-safe characters. */
export const RESUME_CODE_PATTERN = '^[A-Za-z0-9_-]{22}$';
const resumeCodeRe = new RegExp(RESUME_CODE_PATTERN);

export function isResumeCode(value: unknown): value is string {
  return typeof value === 'string' && resumeCodeRe.test(value);
}

export const LINK_PATHS = {
  /** The console opened straight on one conversation (hash routing: no server round trip). */
  consoleThread: (threadId: ThreadId) => `/console/#/thread/${threadId}`,
  /** The caught mails and SMS of a relay running its local mail catcher. */
  consoleOutbox: () => '/console/#/outbox',
  /** The hosted conversation page that binds a browser to a patient and burns the code. */
  resume: (code: string) => `/c/${code}`,
} as const;
