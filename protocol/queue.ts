/**
 * The schemas of the inbox queue's requests (issue 12 §2): counts per view, the clinic's
 * queue settings and taking a conversation.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ActionIdSchema, ThreadIdSchema } from './ids.ts';
import { INBOX_VIEWS } from './inbox-views.ts';

/** How many threads each view the caller may use holds; views the role does not have are absent. */
export const InboxCountsSchema = Type.Object({
  counts: Type.Partial(Type.Object(Object.fromEntries(INBOX_VIEWS.map((view) => [view, Type.Integer({ minimum: 0 })])))),
});
export type InboxCounts = Static<typeof InboxCountsSchema>;

export const QueueSettingsSchema = Type.Object(
  {
    /** Minutes a patient may wait before their row is highlighted. */
    waitTargetMinutes: Type.Integer({ minimum: 1, maximum: 24 * 60 }),
    /** The first staff reply to an unassigned conversation assigns it to whoever wrote it. */
    autoAssign: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type QueueSettings = Static<typeof QueueSettingsSchema>;

export const QueueSettingsUpdateSchema = Type.Partial(QueueSettingsSchema, { additionalProperties: false });
export type QueueSettingsUpdate = Static<typeof QueueSettingsUpdateSchema>;

/** "Take": assign the conversation to oneself, only if nobody has it yet. */
export const TakeSchema = Type.Object({ threadId: ThreadIdSchema, actionId: Type.Optional(ActionIdSchema) }, { additionalProperties: false });
export type Take = Static<typeof TakeSchema>;
