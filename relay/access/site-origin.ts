/**
 * Which pages may use a clinic's chat: the one rule for the visitor handshake
 * (realtime/visitor-namespace.ts) and the widget's early question (http/site-check-route.ts).
 */
import type { Clinic } from '../store/clinic-store.ts';

/** The page's origin is in the clinic's allowlist, or is the relay's own (its hosted conversation page, GET /c/<code>, may open any clinic's chat). */
export function originAllowed(clinic: Pick<Clinic, 'origins'>, origin: string | undefined, relayOrigin: string): boolean {
  return origin !== undefined && (clinic.origins.includes(origin) || origin === relayOrigin);
}
