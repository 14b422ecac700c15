/**
 * How typing indicators behave, the same on every side, so a widget and a console never
 * disagree about when someone stopped typing. Plain values, no runtime dependencies.
 */
export const TYPING = {
  /** "typing" is repeated at most this often while keys are pressed, so a lost event is soon replaced. */
  repeatMs: 3_000,
  /** No key for this long withdraws "typing". */
  idleMs: 5_000,
  /** An indicator with no fresh event fades after this: its "stopped" may be lost with a connection. */
  expiryMs: 8_000,
} as const;
