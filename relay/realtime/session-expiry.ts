/**
 * Ends a staff socket when its session ends. A timer cannot wait longer than ~24.8 days
 * (setTimeout's limit), so a long session is re-checked when the timer fires and the timer
 * re-armed while the stored session is still valid, rather than ending a valid session.
 */
import type { StaffSession } from '../store/session-store.ts';

/** setTimeout's longest delay. */
export const MAX_TIMER_MS = 2 ** 31 - 1;

interface EndableSocket {
  emit(event: 'session:end', payload: { reason: 'expired' }): unknown;
  disconnect(close: boolean): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
}

export function endWithSession(
  socket: EndableSocket,
  session: StaffSession,
  lookup: (sessionId: string) => Promise<StaffSession | null>,
  maxTimerMs = MAX_TIMER_MS,
): void {
  let timer: NodeJS.Timeout | undefined;
  let gone = false;
  const arm = (expiresAt: number) => {
    timer = setTimeout(() => void check(), Math.min(Math.max(expiresAt - Date.now(), 0), maxTimerMs));
  };
  const check = async () => {
    const current = await lookup(session.id).catch(() => null);
    if (gone) return;
    if (current && current.expiresAt > Date.now()) return arm(current.expiresAt);
    socket.emit('session:end', { reason: 'expired' });
    socket.disconnect(true);
  };
  socket.on('disconnect', () => {
    gone = true;
    clearTimeout(timer);
  });
  arm(session.expiresAt);
}
