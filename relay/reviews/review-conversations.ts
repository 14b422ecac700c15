/**
 * Opening a private conversation with the author of a negative review (issue 13 §1, R8,
 * R11), for the server API (and later the console's "Start a conversation about a
 * review"). In order: the body is checked (schema, rating, text and contact rules) before
 * anything is stored; a review that already has a conversation gets it back; otherwise a
 * new patient (a visitor nobody holds a token of yet) gets a complaint thread carrying the
 * review, the clinic's first message, the invitation address, the invitation through the
 * notice queue (`resume-invite`), and the review site a `review.conversation_started`
 * webhook. The review's text is accepted and dropped: never stored, logged or sent.
 *
 * The first message is the clinic's voice, not a person's: its author is a staff
 * reference with the clinic's id and name (no staff record has that id), so the widget
 * names the clinic and the console shows it as the staff side.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { checkContact } from '../../protocol/contact.ts';
import type { ClientMessageId, ClinicId, StaffId } from '../../protocol/ids.ts';
import type { StaffRef } from '../../protocol/model.ts';
import { REVIEW_NEGATIVE_MAX, ReviewConversationRequestSchema, type ReviewConversation } from '../../protocol/review-api.ts';
import { ClientError } from '../errors.ts';
import { parsePayload } from '../payload-check.ts';
import type { ResumeLinks } from '../notify/resume-links.ts';
import { noticeLinks } from '../notify/templates.ts';
import type { ConversationActions } from '../realtime/conversation-actions.ts';
import type { NoticeScheduler } from '../realtime/notice-scheduler.ts';
import { checkText } from '../realtime/text-rules.ts';
import type { Clinic } from '../store/clinic-store.ts';
import { newEntityId } from '../store/random-ids.ts';
import type { Stores } from '../store/stores.ts';
import { patientPseudonym, threadSlot } from '../store/visitor-store.ts';
import type { StoredReviewConversation } from './review-store.ts';
import { createAnnounce } from './webhook-events.ts';
import type { WebhookQueue } from './webhook-queue.ts';

export interface ReviewConversationDeps {
  stores: Stores;
  actions: ConversationActions;
  notices: Pick<NoticeScheduler, 'sendLink'>;
  webhooks: WebhookQueue;
  resumeLinks: ResumeLinks;
  publicUrl(): string;
  log: Logger;
}

/** The clinic as the author of the messages it sends through the API. */
const clinicVoice = (clinic: Clinic): StaffRef => ({ id: clinic.id as string as StaffId, name: clinic.name, role: 'complaints' });

/** The same review always yields the same first message id, so a retried append is de-duplicated. */
const firstMessageId = (reviewId: string) => `review-${createHash('sha256').update(reviewId).digest('base64url').slice(0, 32)}` as ClientMessageId;

const view = ({ clinicId: _clinicId, ...conversation }: StoredReviewConversation): ReviewConversation => conversation;

export function createReviewConversations(deps: ReviewConversationDeps) {
  const { stores, log } = deps;

  const announce = createAnnounce(deps.webhooks, log);

  return {
    /**
     * `created: false` — the review already had this conversation (HTTP 200); else 201.
     * `opener`: the complaints manager who started it from the console; the thread is theirs.
     */
    async open(clinic: Clinic, body: unknown, opener?: StaffRef): Promise<{ created: boolean; conversation: ReviewConversation }> {
      const request = parsePayload(ReviewConversationRequestSchema, body);
      if (request.review.rating > REVIEW_NEGATIVE_MAX) throw new ClientError('REVIEW_NOT_NEGATIVE', { path: '/review/rating', max: REVIEW_NEGATIVE_MAX });
      const textProblem = checkText(request.message);
      if (textProblem) throw new ClientError(textProblem.code, { path: '/message', ...textProblem.data });
      const given = request.contact.email !== undefined || request.contact.phone !== undefined;
      const contact = given ? checkContact(request.contact) : null;
      if (contact?.error) throw new ClientError('CONTACT_INVALID', { field: contact.error.field, path: `/contact/${contact.error.field}` });

      const existing = await stores.reviews.byReview(clinic.id, request.review.id);
      if (existing) return { created: false, conversation: view(existing) };

      // The visitor's unused token expires in a day unless the conversation is recorded (`keep`).
      const { visitor } = await stores.visitors.issue(clinic.id);
      const thread = await stores.threads.create({
        clinicId: clinic.id,
        visitorId: visitor.id,
        displayName: patientPseudonym(visitor.id, clinic.locale),
        kind: 'general',
        doctor: null,
      });
      const review = { id: request.review.id, url: request.review.url, rating: request.review.rating };
      const record: StoredReviewConversation = { id: newEntityId(), clinicId: clinic.id, threadId: thread.id, status: 'open', review, createdAt: Date.now() };
      const reserved = await stores.reviews.reserve(record);
      if (!reserved.created) {
        // Another request for the same review won the race: this thread was never shown to anyone.
        await stores.threads.discard(thread.id);
        const winner = await stores.reviews.get(clinic.id, reserved.id);
        if (!winner) throw new ClientError('UNAVAILABLE');
        return { created: false, conversation: view(winner) };
      }

      await stores.reviews.linkThread(thread.id, { conversationId: record.id, ...review });
      await stores.visitors.keep(visitor);
      await stores.visitors.claimThread(visitor.id, threadSlot(null), thread.id);
      const voice = clinicVoice(clinic);
      let marked = await deps.actions.change(voice, thread, { complaint: true });
      if (opener) marked = await deps.actions.change(opener, marked, { assignee: opener });
      await deps.actions.send(marked, { kind: 'staff', staff: voice }, { type: 'text', clientId: firstMessageId(review.id), text: request.message });

      let link: string | undefined;
      if (contact?.ok) {
        await stores.contacts.setInvitationContact(visitor.id, contact.ok, Date.now());
        await deps.notices.sendLink(thread.id);
      } else {
        // No address: the review site delivers the one-time link itself.
        link = noticeLinks(deps.publicUrl()).resume(await deps.resumeLinks.create({ clinicId: clinic.id, visitorId: visitor.id }));
      }
      await announce(clinic.id, 'review.conversation_started', record);
      return { created: true, conversation: link ? { ...view(record), link } : view(record) };
    },

    async get(clinicId: ClinicId, id: string): Promise<ReviewConversation> {
      const conversation = await stores.reviews.get(clinicId, id);
      if (!conversation) throw new ClientError('NOT_FOUND');
      return view(conversation);
    },
  };
}

export type ReviewConversations = ReturnType<typeof createReviewConversations>;
