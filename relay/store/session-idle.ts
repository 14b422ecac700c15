/**
 * The clinic's idle timeout (issue 10 §1) on top of a session's absolute lifetime: a
 * session unused for `security.idleTimeoutMinutes` is over, for the console's requests, new
 * staff sockets and the sockets already open (session-expiry.ts re-arms on the end this
 * gives). Its last use only moves forward while it is live, so an idle session stays over.
 */
import type { ClinicStore } from './clinic-store.ts';
import { sessionEnd, type StaffSession } from './session-store.ts';

/** The session with `expiresAt` brought forward to its idle end, or null when that has passed. */
export async function unlessIdle(clinics: Pick<ClinicStore, 'get'>, session: StaffSession | null): Promise<StaffSession | null> {
  if (!session) return null;
  const clinic = await clinics.get(session.clinicId);
  const end = sessionEnd(session, clinic?.security.idleTimeoutMinutes ?? 0);
  return end > Date.now() ? { ...session, expiresAt: end } : null;
}
