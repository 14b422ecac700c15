/**
 * Which pages may use a clinic's chat: the one rule for the visitor handshake
 * (realtime/visitor-namespace.ts) and the widget's early question (http/site-check-route.ts).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { Clinic } from '../store/clinic-store.ts';

/** The page's origin is in the clinic's allowlist, or is the relay's own (its hosted conversation page, GET /c/<code>, may open any clinic's chat). */
export function originAllowed(clinic: Pick<Clinic, 'origins'>, origin: string | undefined, relayOrigin: string): boolean {
  return origin !== undefined && (clinic.origins.includes(origin) || origin === relayOrigin);
}

/**
 * The asking page's origin: its `Origin` header, or the relay's own for a browser's
 * same-origin GET, which carries none (long-polling's handshake, the site check) but says
 * `Sec-Fetch-Site: same-origin`. Undefined when nothing says which page asks.
 */
export function pageOrigin(headers: IncomingHttpHeaders, relayOrigin: string): string | undefined {
  return headers.origin ?? (headers['sec-fetch-site'] === 'same-origin' ? relayOrigin : undefined);
}
