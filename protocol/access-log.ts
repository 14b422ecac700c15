/**
 * The clinic's access log as the owner's and head's viewer reads it
 * (`GET /api/v1/access-log`, issue 10 §5): who read or acted on which patient's data, when.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ACCESS_ACTIONS } from './access-actions.ts';
import { StaffIdSchema, ThreadIdSchema, VisitorIdSchema } from './ids.ts';

export { ACCESS_ACTIONS, type AccessAction } from './access-actions.ts';

export const AccessActionSchema = Type.Union(ACCESS_ACTIONS.map((action) => Type.Literal(action)));

export const AccessEntrySchema = Type.Object({
  /** Stream id of the entry: the cursor to page on. */
  id: Type.String(),
  at: Type.Number(),
  action: AccessActionSchema,
  /** Null for what no staff member did (a patient used a link, the retention job erased). */
  staffId: Type.Union([StaffIdSchema, Type.Null()]),
  /** The patient and thread; null once the patient was erased (the entry stays, whom it was about does not). */
  visitorId: Type.Union([VisitorIdSchema, Type.Null()]),
  threadId: Type.Union([ThreadIdSchema, Type.Null()]),
  /** The entry named a patient who has since been erased. */
  erased: Type.Boolean(),
});
export type AccessEntry = Static<typeof AccessEntrySchema>;

/** Filters of the viewer; `before` is the last page's last `id`. */
export const AccessLogQuerySchema = Type.Object(
  {
    staffId: Type.Optional(StaffIdSchema),
    visitorId: Type.Optional(VisitorIdSchema),
    action: Type.Optional(AccessActionSchema),
    /** ms since epoch, inclusive. */
    since: Type.Optional(Type.Integer({ minimum: 0 })),
    until: Type.Optional(Type.Integer({ minimum: 0 })),
    before: Type.Optional(Type.String({ pattern: '^\\d+-\\d+$' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')])),
  },
  { additionalProperties: false },
);
export type AccessLogQuery = Static<typeof AccessLogQuerySchema>;

export const AccessLogPageSchema = Type.Object({
  entries: Type.Array(AccessEntrySchema),
  /** Pass as `before` for the next (older) page; null at the start of the log. */
  next: Type.Union([Type.String(), Type.Null()]),
});
export type AccessLogPage = Static<typeof AccessLogPageSchema>;
