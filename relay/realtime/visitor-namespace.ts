/**
 * The patient's side. The handshake is checked whole against its protocol schema
 * before anything is read or stored, then counted against the address's handshake
 * budget (shared by all relays), then matched to the clinic's site key and allowed
 * origins; only then is a returning visitor resolved or a new one stored. Every event
 * after it goes through the router, scoped to the visitor's own threads.
 */
import { textsIn } from '../../protocol/clinic-texts.ts';
import { VISITOR_REQUESTS } from '../../protocol/events.ts';
import type { ClinicId } from '../../protocol/ids.ts';
import type { Locale } from '../../protocol/locales.ts';
import type { PublicClinic } from '../../protocol/model.ts';
import { VisitorHandshakeSchema, type VisitorHandshake } from '../../protocol/requests.ts';
import { originAllowed, pageOrigin } from '../access/site-origin.ts';
import { rooms } from '../access/visibility.ts';
import { payloadError } from '../payload-check.ts';
import type { Clinic } from '../store/clinic-store.ts';
import { doctorCard } from '../store/staff-store.ts';
import { createTtlCache } from '../store/ttl-cache.ts';
import { createRouter } from './event-router.ts';
import { deviceRoom, deviceRoutes } from './handlers/device-forget.ts';
import { reportFailure } from '../failure.ts';
import { visitorRoutes } from './handlers/visitor-conversation.ts';
import { patientAnswerRoutes } from './handlers/resolution.ts';
import { bookingRequestRoute } from './handlers/booking.ts';
import { consentRoutes } from './handlers/first-screen.ts';
import { firstScreen } from '../hours/first-screen.ts';
import { createReplyTime } from '../hours/reply-time.ts';
import { handshakeError } from './handshake-error.ts';
import { clientAddress } from './handshake-limiter.ts';
import type { VisitorNamespace } from './namespaces.ts';
import type { RelayServices } from './relay-services.ts';
import { visitorSender } from './sender-limiter.ts';
import { visitorThreadAccess, type WrittenThreads } from './thread-access.ts';

// Clinic settings reach connected widgets within 5 s; at most 10,000 clinics are remembered.
const CLINIC_CACHE = { ttlMs: 5_000, maxEntries: 10_000 };

/** A malformed site key or token gets the code a client acts on (stop, or drop the token); any other field BAD_REQUEST. */
const HANDSHAKE_FIELD_CODES = { '/siteKey': 'SITE_KEY_UNKNOWN', '/token': 'TOKEN_INVALID' } as const;

export function attachVisitorNamespace(ns: VisitorNamespace, services: RelayServices): void {
  const { stores } = services;
  const router = createRouter(
    VISITOR_REQUESTS,
    { ...visitorRoutes, ...patientAnswerRoutes, ...consentRoutes, ...deviceRoutes(ns), 'booking:request': bookingRequestRoute },
    services.guard,
  );
  const replyTime = createReplyTime(services.reports);

  const clinicBySiteKey = createTtlCache(CLINIC_CACHE, (siteKey: string) => stores.clinics.getBySiteKey(siteKey));
  const doctorsOf = createTtlCache(CLINIC_CACHE, async (clinicId: ClinicId) =>
    // Only the doctors the owner lets accept chats are offered (issue 13 §3).
    (await stores.staff.listClinic(clinicId)).filter((s) => s.role === 'doctor' && s.acceptsChats).map(doctorCard),
  );
  const profile = async (clinic: Clinic, lang: Locale | undefined): Promise<PublicClinic> => {
    // Only a clinic with a schedule promises a reply time; a report that cannot be read leaves it out, never the chat.
    const replyMinutes = clinic.schedule
      ? await replyTime.minutes(clinic).catch((error: unknown) => {
          reportFailure(error, services.log, { code: 'RELAY_ERR_CLINIC_PROFILE' });
          return null;
        })
      : null;
    return {
      name: clinic.name,
      locale: clinic.locale,
      bookingUrl: clinic.bookingUrl,
      bookingRequests: clinic.bookingRequests,
      ...textsIn(clinic, lang),
      doctors: await doctorsOf.get(clinic.id),
      firstScreen: firstScreen(clinic, lang, Date.now(), replyMinutes),
    };
  };

  ns.use(async (socket, next) => {
    try {
      const auth: unknown = socket.handshake.auth;
      const problem = payloadError(VisitorHandshakeSchema, auth);
      if (problem) {
        const path = String(problem.data?.path ?? '');
        const code = Object.hasOwn(HANDSHAKE_FIELD_CODES, path) ? HANDSHAKE_FIELD_CODES[path as keyof typeof HANDSHAKE_FIELD_CODES] : null;
        return next(code ? handshakeError(code) : handshakeError(problem.code, problem.data));
      }
      const { siteKey, token, page, timeZone } = auth as VisitorHandshake;
      const retryAfterMs = await services.handshakes.take(clientAddress(socket.handshake, services.config.trustProxy));
      if (retryAfterMs !== null) return next(handshakeError('RATE_LIMITED', { retryAfterMs }));
      const clinic = await clinicBySiteKey.get(siteKey);
      if (!clinic) return next(handshakeError('SITE_KEY_UNKNOWN'));
      const relayOrigin = new URL(services.publicUrl()).origin;
      if (!originAllowed(clinic, pageOrigin(socket.handshake.headers, relayOrigin), relayOrigin)) return next(handshakeError('ORIGIN_NOT_ALLOWED'));
      if (token !== undefined) {
        const resumed = await stores.visitors.resume(token, clinic.id);
        if (!resumed) return next(handshakeError('TOKEN_INVALID'));
        socket.data = { clinic, visitor: resumed.visitor, newToken: resumed.token };
      } else {
        const issued = await stores.visitors.issue(clinic.id);
        socket.data = { clinic, visitor: issued.visitor, newToken: issued.token };
      }
      await stores.visitors.noteContext(socket.data.visitor.id, { page, timeZone });
      next();
    } catch (error) {
      next(handshakeError(reportFailure(error, services.log, { code: 'RELAY_ERR_VISITOR_HANDSHAKE' }).code));
    }
  });

  ns.on('connection', (socket) => {
    const { clinic, visitor, newToken } = socket.data;
    void socket.join([rooms.visitor(visitor.id), deviceRoom(visitor)]);
    // The handshake was checked whole by the middleware above.
    const { lang } = socket.handshake.auth as VisitorHandshake;
    // Consent is read once per connection, beside the contact, and remembered on the socket (handlers/first-screen.ts).
    const patient = { lang, consented: !clinic.privacy.consentRequired, awayChecked: false };
    const consent = patient.consented ? null : stores.consents.get(visitor.id);
    void Promise.all([profile(clinic, lang), stores.contacts.getPatientContact(visitor.id), consent]).then(
      ([publicClinic, contact, given]) => {
        patient.consented ||= given !== null;
        const session = { clinic: publicClinic, contact, consented: patient.consented };
        socket.emit('session', newToken ? { token: newToken, ...session } : session);
      },
      (error: unknown) => {
        reportFailure(error, services.log, { code: 'RELAY_ERR_CLINIC_PROFILE' });
        socket.disconnect(true);
      },
    );

    const written: WrittenThreads = new Map();
    router.bind(socket, {
      ctx: { services, clinic, visitor, socketId: socket.id, doctors: () => doctorsOf.get(clinic.id), patient, written },
      role: 'patient',
      scope: { sender: visitorSender(visitor.id), clinicId: clinic.id },
      thread: visitorThreadAccess(stores, visitor, written),
    });
  });
}
