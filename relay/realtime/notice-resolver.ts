/**
 * What a notice job sends when it fires, decided from Redis at that moment (on whichever
 * relay runs it), and the "notification failed" mark on the thread:
 *
 * - patient-notice: a staff message, or staff's answer to a booking request, is still unread
 *   by the patient, no patient socket is connected (on any relay, through the adapter), and
 *   the patient gave a contact → the notice with a fresh resume link, in the clinic's
 *   language (the same words for a booking answer: never its day, time or phone).
 * - resume-invite: the patient gave a contact, or the clinic invited them at one (a
 *   review conversation) → the invite (for a review, the discreet review invite) with a
 *   fresh resume link.
 * - staff-alert: the patient's newest message is still unanswered and the thread open →
 *   an e-mail to the assignee if their alerts are on, else to the owner and admins with
 *   alerts on who may read the thread; skipped outside office hours when the clinic mutes
 *   them (hours/clinic-hours.ts).
 * - escalation: still unanswered → an SMS to every active member marked as an escalation
 *   contact with a phone.
 *
 * Templates see only the clinic's name, a link, the locale and minutes waited (R10).
 */
import type { ThreadId } from '../../protocol/ids.ts';
import { compareStreamIds } from '../../protocol/stream-ids.ts';
import { canRead } from '../../protocol/permissions.ts';
import { rooms } from '../access/visibility.ts';
import { patientAddress } from '../notify/contact-store.ts';
import type { Delivery, NotifyKind } from '../notify/notification-queue.ts';
import { isOutsideOfficeHours } from '../hours/clinic-hours.ts';
import type { ResumeLinks } from '../notify/resume-links.ts';
import { escalationSms, noticeLinks, patientNotice, resumeInvite, reviewInvite, staffAlert, type NoticeLocale } from '../notify/templates.ts';
import type { PatientContact } from '../../protocol/contact-schema.ts';
import type { Clinic } from '../store/clinic-store.ts';
import type { Stores } from '../store/stores.ts';
import type { ThreadMeta } from '../store/thread-store.ts';
import type { FanOut } from './fan-out.ts';
import type { VisitorNamespace } from './namespaces.ts';

const MINUTE_MS = 60_000;

export interface NoticeResolverDeps {
  stores: Stores;
  fanOut: FanOut;
  visitors: VisitorNamespace;
  resumeLinks: ResumeLinks;
  publicUrl(): string;
  now?: () => Date;
}

export function createNoticeResolver(deps: NoticeResolverDeps) {
  const { stores } = deps;
  const now = deps.now ?? (() => new Date());
  const locale = (clinic: Clinic): NoticeLocale => (clinic.locale === 'en' ? 'en' : 'ru');

  async function toPatient(meta: ThreadMeta, clinic: Clinic, template: typeof patientNotice, contact: PatientContact | null): Promise<Delivery[] | null> {
    const address = contact && patientAddress(contact);
    if (!address) return null;
    const code = await deps.resumeLinks.create({ clinicId: meta.clinicId, visitorId: meta.visitorId });
    const link = noticeLinks(deps.publicUrl()).resume(code);
    return [{ ...address, message: template({ locale: locale(clinic), clinicName: clinic.name, link }, address.channel) }];
  }

  /**
   * Staff confirmed or declined a booking request after what the patient last read: a system
   * line, which the unread count leaves out. The answer that scheduled this job is recent, so
   * the newest page of the thread is looked at.
   */
  async function unseenBookingAnswer(meta: ThreadMeta): Promise<boolean> {
    const { messages } = await stores.threads.history(meta, { threadId: meta.id }, 'patient');
    const read = meta.readPatient;
    return messages.some((m) => m.type === 'system' && m.event.kind === 'booking' && (read === null || compareStreamIds(m.id, read) > 0));
  }

  /** Active members with the alert settings that apply to them. */
  async function staffWithAlerts(meta: ThreadMeta) {
    const members = await stores.staff.listClinic(meta.clinicId);
    return Promise.all(members.map(async (member) => ({ member, alerts: await stores.contacts.staffAlerts(member.id) })));
  }

  async function toStaff(kind: 'staff-alert' | 'escalation', meta: ThreadMeta, clinic: Clinic): Promise<Delivery[] | null> {
    if (meta.status === 'closed') return null;
    const since = await stores.threads.unansweredSince(meta.id);
    if (since === null) return null;
    const params = {
      locale: locale(clinic),
      clinicName: clinic.name,
      link: noticeLinks(deps.publicUrl()).consoleThread(meta.id),
      waitingMinutes: Math.max(1, Math.round((now().getTime() - since) / MINUTE_MS)),
    };
    const staff = await staffWithAlerts(meta);
    if (kind === 'escalation') {
      return staff
        .filter(({ alerts }) => alerts.escalation && alerts.phone)
        .map(({ alerts }) => ({ channel: 'sms' as const, to: alerts.phone!, message: escalationSms(params) }));
    }
    if (clinic.notify.muteOutsideOfficeHours && isOutsideOfficeHours(clinic, now().getTime())) return null;
    const on = staff.filter(({ alerts }) => alerts.alerts);
    const assignee = on.find(({ member }) => member.id === meta.assignee?.id);
    const recipients = assignee ? [assignee] : on.filter(({ member }) => (member.role === 'owner' || member.role === 'admin') && canRead(member, meta));
    const message = staffAlert(params);
    return recipients.map(({ member, alerts }) => ({ channel: 'email' as const, to: alerts.email ?? member.email, message }));
  }

  async function mark(threadId: ThreadId, failed: boolean): Promise<void> {
    const meta = await stores.threads.markNotificationFailed(threadId, failed);
    if (meta) deps.fanOut.thread(meta);
  }

  return {
    async resolve(kind: NotifyKind, threadId: ThreadId): Promise<Delivery[] | null> {
      const meta = await stores.threads.get(threadId);
      const clinic = meta && (await stores.clinics.get(meta.clinicId));
      if (!meta || !clinic) return null;
      switch (kind) {
        case 'patient-notice': {
          if (meta.unreadPatient === 0 && !(await unseenBookingAnswer(meta))) return null;
          const online = await deps.visitors.in(rooms.visitor(meta.visitorId)).fetchSockets();
          return online.length > 0 ? null : toPatient(meta, clinic, patientNotice, await stores.contacts.getPatientContact(meta.visitorId));
        }
        case 'resume-invite': {
          // A link may also go to where the clinic invited the patient (a review conversation); a reply notice may not.
          const contact = (await stores.contacts.getPatientContact(meta.visitorId)) ?? (await stores.contacts.getInvitationContact(meta.visitorId));
          const aboutReview = (await stores.reviews.ofThread(meta.id)) !== null;
          return toPatient(meta, clinic, aboutReview ? reviewInvite : resumeInvite, contact);
        }
        case 'staff-alert':
        case 'escalation':
          return toStaff(kind, meta, clinic);
      }
    },

    /** After the last attempt: staff see the mark and reach the patient another way. */
    onFailed: (_kind: NotifyKind, threadId: ThreadId) => mark(threadId, true),

    /** A notice that went out clears an earlier failure's mark. */
    async onSent(threadId: ThreadId): Promise<void> {
      await mark(threadId, false);
    },
  };
}

export type NoticeResolver = ReturnType<typeof createNoticeResolver>;
