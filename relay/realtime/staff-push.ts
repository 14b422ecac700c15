/**
 * Web Push to staff who allowed it (issue 12 §1, §4): when a patient writes, every
 * colleague who may read the thread gets a push on each browser they subscribed. The
 * payload is built here and holds the thread id and its pseudonym (protocol/push.ts) —
 * never the patient's words, the name they gave, or a contact — so nothing a patient
 * wrote passes through a push service. Sending never holds up the message: it runs after
 * the ack and is tracked so shutdown can wait for it; failures are logged with a code, and
 * a subscription the push service says is gone (404, 410) is dropped.
 */
import webpush from 'web-push';
import type { PushPayload } from '../../protocol/push.ts';
import type { Logger } from 'pino';
import { canRead } from '../access/visibility.ts';
import type { Staff } from '../store/staff-store.ts';
import type { Stores } from '../store/stores.ts';
import type { ThreadMeta } from '../store/thread-store.ts';
import { patientPseudonym } from '../store/visitor-store.ts';

/** How long a push service keeps an undelivered push: after an hour the inbox says it better. */
const PUSH_TTL_SECONDS = 60 * 60;
/** VAPID needs an https URL or a mailto: of who runs the relay; used when PUBLIC_URL is not https. */
const FALLBACK_SUBJECT = 'mailto:webpush@clinic-chat.invalid';
const GONE = new Set([404, 410]);
/** A push service that has not answered by then will not: the inbox and alerts still tell staff. */
const PUSH_TIMEOUT_MS = 10_000;

export function createStaffPush(stores: Stores, log: Logger, publicUrl: () => string) {
  const pending = new Set<Promise<void>>();

  /** The push for a thread: its id and pseudonym, nothing else. */
  async function payloadOf(meta: ThreadMeta): Promise<PushPayload> {
    const clinic = await stores.clinics.get(meta.clinicId);
    return { threadId: meta.id, title: patientPseudonym(meta.visitorId, clinic?.locale ?? 'ru') };
  }

  async function deliver(meta: ThreadMeta): Promise<void> {
    // Only members with a subscription are read: for most clinics the list is empty (and
    // cached), so a patient message costs no call here (issue 14 §5).
    const subscribed = await stores.push.subscribedStaff(meta.clinicId);
    if (subscribed.length === 0) return;
    const team = (await Promise.all(subscribed.map((id) => stores.staff.get(id)))).filter(
      (member): member is Staff =>
        member !== null && member.active && member.clinicId === meta.clinicId && canRead({ id: member.id, role: member.role, clinicId: member.clinicId }, meta),
    );
    const subscriptions = (
      await Promise.all(team.map(async (member) => (await stores.push.list(member.id)).map((subscription) => ({ member, subscription }))))
    ).flat();
    if (subscriptions.length === 0) return;
    const [payload, vapid] = await Promise.all([payloadOf(meta), stores.push.vapidKeys()]);
    const url = publicUrl();
    const vapidDetails = { subject: url.startsWith('https:') ? url : FALLBACK_SUBJECT, ...vapid };
    await Promise.all(
      subscriptions.map(async ({ member, subscription }) => {
        // web-push encrypts and signs; the request goes out through fetch, which (unlike
        // web-push's own sender) also reaches a plain-http push service on this machine.
        const request = webpush.generateRequestDetails(subscription, JSON.stringify(payload), { vapidDetails, TTL: PUSH_TTL_SECONDS });
        const response = await fetch(request.endpoint, {
          method: request.method,
          headers: request.headers as Record<string, string>,
          body: new Uint8Array(request.body as Buffer),
          signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
        });
        if (GONE.has(response.status)) return stores.push.unsubscribe(member.id, member.clinicId, subscription.endpoint);
        // The endpoint is the push service's URL for one browser: not logged, like an address.
        if (!response.ok) log.warn({ code: 'RELAY_ERR_PUSH_SEND', status: response.status }, 'a push was not accepted');
      }),
    );
  }

  return {
    /** A patient wrote: push to the colleagues who may read the thread, without waiting. */
    patientWrote(meta: ThreadMeta): void {
      const run = deliver(meta).catch((error: unknown) => log.warn({ code: 'RELAY_ERR_PUSH_SEND', type: (error as Error)?.name }, 'pushes could not be sent'));
      pending.add(run);
      void run.finally(() => pending.delete(run));
    },

    /** Waits for pushes under way (before Redis closes). */
    async settle(): Promise<void> {
      await Promise.all(pending);
    },
  };
}

export type StaffPush = ReturnType<typeof createStaffPush>;
