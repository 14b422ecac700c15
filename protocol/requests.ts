import { Type, type Static } from '@sinclair/typebox';
import { AttachmentIdsSchema, AttachmentRefSchema } from './attachments.ts';
import { ClinicTextsSchema, LocaleSchema } from './clinic-texts.ts';
import { NotifySettingsSchema, PatientContactSchema, StaffAlertSettingsSchema } from './contact-schema.ts';
import { ID_PATTERNS, LIMITS } from './limits.ts';
import { INBOX_SETS } from './inbox-views.ts';
import { ActionIdSchema, ClientMessageIdSchema, EntityIdSchema, StaffIdSchema, StreamIdSchema, ThreadIdSchema, VisitorIdSchema } from './ids.ts';
import { SecuritySettingsSchema } from './security-settings.ts';
import { PrivacySettingsSchema, ReplyMinutesSchema, WeekScheduleSchema } from './first-screen.ts';
import {
  MessageSchema,
  PatientThreadSchema,
  PublicClinicSchema,
  StaffRefSchema,
  StaffThreadSchema,
  SideSchema,
  TextSchema,
  ThreadKindSchema,
  ThreadStatusSchema,
  RoleSchema,
} from './model.ts';

import { SpecialtySchema, StaffProfileFields } from './people.ts';

const strict = { additionalProperties: false } as const;
const PageSize = Type.Integer({ minimum: 1, maximum: LIMITS.pageSizeMax });

// ---- requests both namespaces share ----

const sendFields = {
  threadId: ThreadIdSchema,
  clientId: ClientMessageIdSchema,
  text: TextSchema,
  /** Uploads of this thread to attach (issue 9); with one or more, `text` may be empty. */
  attachments: Type.Optional(AttachmentIdsSchema),
};

export const SendMessageSchema = Type.Object(sendFields, strict);
export type SendMessage = Static<typeof SendMessageSchema>;

export const StaffSendMessageSchema = Type.Object(
  {
    ...sendFields,
    /** A private note that never reaches the patient. */
    private: Type.Optional(Type.Boolean()),
  },
  strict,
);
export type StaffSendMessage = Static<typeof StaffSendMessageSchema>;

export const SendResultSchema = Type.Object({ id: StreamIdSchema, at: Type.Number() });
export type SendResult = Static<typeof SendResultSchema>;

/**
 * A page of history. With `after`: the messages following that stream id, oldest first
 * (catching up). With `before`: the messages preceding it (scrolling back). With neither:
 * the newest page.
 */
export const HistoryRequestSchema = Type.Object(
  {
    threadId: ThreadIdSchema,
    after: Type.Optional(StreamIdSchema),
    before: Type.Optional(StreamIdSchema),
    limit: Type.Optional(PageSize),
  },
  strict,
);
export type HistoryRequest = Static<typeof HistoryRequestSchema>;

export const HistoryPageSchema = Type.Object({
  /** Oldest first. */
  messages: Type.Array(MessageSchema),
  /**
   * The newest stream id this page covered: the reader's new last-seen id. Can be past
   * the last message when entries hidden from this reader (private notes) were skipped.
   */
  cursor: Type.Union([StreamIdSchema, Type.Null()]),
  /** The oldest stream id this page covered: ask `before` it to scroll further back. */
  oldest: Type.Union([StreamIdSchema, Type.Null()]),
  /** More entries exist in the direction of the request. */
  hasMore: Type.Boolean(),
  /**
   * True when entries after `after` were removed by retention: the reader cannot be
   * brought up to date message by message and should drop what it has and reload.
   */
  reset: Type.Boolean(),
});
export type HistoryPage = Static<typeof HistoryPageSchema>;

export const TypingSchema = Type.Object({ threadId: ThreadIdSchema, typing: Type.Boolean() }, strict);
export type Typing = Static<typeof TypingSchema>;

export const ReadSchema = Type.Object({ threadId: ThreadIdSchema, upTo: StreamIdSchema }, strict);
export type Read = Static<typeof ReadSchema>;

export const EmptySchema = Type.Object({}, strict);
export type Empty = Static<typeof EmptySchema>;

// ---- visitor namespace ----

export const OpenThreadSchema = Type.Object(
  {
    kind: ThreadKindSchema,
    /** For a doctor's chat: which doctor. */
    doctorId: Type.Optional(StaffIdSchema),
  },
  strict,
);
export type OpenThread = Static<typeof OpenThreadSchema>;

export const VisitorSessionSchema = Type.Object({
  /** Present only when the relay issued a new token: keep it, send it on every handshake. */
  token: Type.Optional(Type.String()),
  clinic: PublicClinicSchema,
  /** The contact this patient gave for reply notices, or null: the widget offers the opt-in only then. */
  contact: Type.Union([PatientContactSchema, Type.Null()]),
  /** Nothing more is needed before writing: the patient's consent is recorded (`visitor:consent`), or the clinic asks for none; the widget asks only while false. */
  consented: Type.Boolean(),
});
export type VisitorSession = Static<typeof VisitorSessionSchema>;

/**
 * The handshake `auth` of the visitor namespace, checked whole before the relay reads
 * or stores anything. Extra fields are refused, like in every request.
 */
export const VisitorHandshakeSchema = Type.Object(
  {
    siteKey: Type.String({ pattern: ID_PATTERNS.siteKey }),
    token: Type.Optional(Type.String({ pattern: ID_PATTERNS.visitorToken })),
    /** The page the widget runs on (location.href without its hash): shown to staff. */
    page: Type.Optional(Type.String({ pattern: ID_PATTERNS.pageUrl, maxLength: LIMITS.pageUrlMax })),
    /** IANA time zone of the browser, e.g. "Europe/Moscow": staff see the patient's local time. */
    timeZone: Type.Optional(Type.String({ pattern: ID_PATTERNS.timeZone })),
    /** The widget's language: the clinic's greeting and office hours come in it where the clinic has them (ClinicTexts). */
    lang: Type.Optional(LocaleSchema),
  },
  strict,
);
export type VisitorHandshake = Static<typeof VisitorHandshakeSchema>;

// ---- staff namespace ----

export const InboxRequestSchema = Type.Object(
  {
    status: Type.Optional(ThreadStatusSchema),
    /** 'me', 'unassigned' or a staff id. */
    assignee: Type.Optional(Type.Union([Type.Literal('me'), Type.Literal('unassigned'), StaffIdSchema])),
    /** Continue below this last-activity time (the previous page's `next`). */
    before: Type.Optional(Type.Integer({ minimum: 0 })),
    /** A set that is not a status (protocol/inbox-views.ts); `awaiting` is oldest wait first. */
    view: Type.Optional(Type.Union(INBOX_SETS.map((set) => Type.Literal(set)))),
    /** The awaiting set only: continue above this waiting-since time (the previous page's `next`). */
    after: Type.Optional(Type.Integer({ minimum: 0 })),
    limit: Type.Optional(PageSize),
  },
  strict,
);
export type InboxRequest = Static<typeof InboxRequestSchema>;

export const InboxPageSchema = Type.Object({
  threads: Type.Array(StaffThreadSchema),
  next: Type.Union([Type.Integer(), Type.Null()]),
});
export type InboxPage = Static<typeof InboxPageSchema>;

export const ThreadRefSchema = Type.Object({ threadId: ThreadIdSchema }, strict);
export type ThreadRef = Static<typeof ThreadRefSchema>;

/**
 * Made once per change and sent again with each retry of it: the relay applies the
 * change once and answers every attempt alike. Without it a repeated request is still
 * safe (the same value is no change) but cannot be told from a new one.
 */
const actionField = { actionId: Type.Optional(ActionIdSchema) };

export const AssignSchema = Type.Object(
  {
    threadId: ThreadIdSchema,
    assigneeId: Type.Union([StaffIdSchema, Type.Null()]),
    ...actionField,
  },
  strict,
);
export type Assign = Static<typeof AssignSchema>;

export const SetStatusSchema = Type.Object({ threadId: ThreadIdSchema, status: ThreadStatusSchema, ...actionField }, strict);
export type SetStatus = Static<typeof SetStatusSchema>;

export const StaffMemberSchema = Type.Object({
  id: StaffIdSchema,
  name: Type.String(),
  role: RoleSchema,
  email: Type.String(),
  /** Deactivated members cannot sign in; only the owner's `staff:list { all: true }` shows them. */
  active: Type.Boolean(),
  /** Alerts when patients wait (e-mail) and escalation SMS; set by the owner. */
  alerts: StaffAlertSettingsSchema,
  /** Profile (issue 13 §3): a doctor's specialty, whether a doctor is offered to patients, whether a photo is set. */
  ...StaffProfileFields,
});
export type StaffMember = Static<typeof StaffMemberSchema>;

export const StaffListSchema = Type.Object(
  {
    /** Owner only: include deactivated members. */
    all: Type.Optional(Type.Boolean()),
  },
  strict,
);
export type StaffList = Static<typeof StaffListSchema>;

const EmailSchema = Type.String({ maxLength: LIMITS.shortTextMax, pattern: '^[^@\\s]+@[^@\\s]+$' });
const NameSchema = Type.String({ minLength: 1, maxLength: LIMITS.shortTextMax });

export const StaffAddSchema = Type.Object({ email: EmailSchema, name: NameSchema, role: RoleSchema }, strict);
export type StaffAdd = Static<typeof StaffAddSchema>;

export const StaffUpdateSchema = Type.Object(
  {
    staffId: StaffIdSchema,
    name: Type.Optional(NameSchema),
    role: Type.Optional(RoleSchema),
    active: Type.Optional(Type.Boolean()),
    alerts: Type.Optional(StaffAlertSettingsSchema),
    specialty: Type.Optional(SpecialtySchema),
    acceptsChats: Type.Optional(Type.Boolean()),
  },
  strict,
);
export type StaffUpdate = Static<typeof StaffUpdateSchema>;

export const StaffRefRequestSchema = Type.Object({ staffId: StaffIdSchema }, strict);
export type StaffRefRequest = Static<typeof StaffRefRequestSchema>;

const OriginSchema = Type.String({ pattern: ID_PATTERNS.origin, maxLength: LIMITS.shortTextMax });
const OptionalText = Type.Union([Type.String({ maxLength: LIMITS.shortTextMax * 5 }), Type.Null()]);

/** What the owner manages about the clinic. */
export const ClinicSettingsSchema = Type.Object({
  siteKey: Type.String(),
  name: NameSchema,
  greeting: Type.String({ maxLength: LIMITS.shortTextMax * 5 }),
  locale: Type.Union([Type.Literal('ru'), Type.Literal('en')]),
  origins: Type.Array(OriginSchema, { minItems: 1, maxItems: 20 }),
  bookingUrl: Type.Union([Type.String({ pattern: ID_PATTERNS.pageUrl, maxLength: LIMITS.pageUrlMax }), Type.Null()]),
  /** Whether patients may send a "Book a visit" request in the chat (`booking:request`, issue 13 §3); on by default. */
  bookingRequests: Type.Boolean(),
  /** Free text shown to patients, e.g. "Пн–Пт 9:00–21:00, Сб 10:00–16:00". */
  officeHours: OptionalText,
  /** The greeting and office hours per language, where they differ from the defaults above (a widget in that language gets them). */
  texts: ClinicTextsSchema,
  /** When notices go out (relay-wide NOTIFY_*_AFTER_SECONDS override these). */
  notify: NotifySettingsSchema,
  /** Retention, staff 2FA, idle timeout. */
  security: SecuritySettingsSchema,
  /** Office hours as a week in the clinic's time zone (first-screen.ts); null: read from `officeHours` if it can be, else none. */
  schedule: Type.Union([WeekScheduleSchema, Type.Null()]),
  /** "We reply within ~N min": set by the clinic, or null for the recent median first response. */
  replyMinutes: ReplyMinutesSchema,
  /** The consent box before the first message and the policy it links to. */
  privacy: PrivacySettingsSchema,
});
export type ClinicSettings = Static<typeof ClinicSettingsSchema>;

export const ClinicUpdateSchema = Type.Partial(Type.Omit(ClinicSettingsSchema, ['siteKey']), strict);
export type ClinicUpdate = Static<typeof ClinicUpdateSchema>;

export const SetComplaintSchema = Type.Object({ threadId: ThreadIdSchema, complaint: Type.Boolean(), ...actionField }, strict);
export type SetComplaint = Static<typeof SetComplaintSchema>;

/** What staff may know of a patient: only what the patient gave, plus where and when they wrote from. */
export const PatientProfileSchema = Type.Object({
  id: VisitorIdSchema,
  displayName: Type.String(),
  name: Type.Union([Type.String(), Type.Null()]),
  email: Type.Union([Type.String(), Type.Null()]),
  phone: Type.Union([Type.String(), Type.Null()]),
  /** The page the patient last wrote from. */
  page: Type.Union([Type.String(), Type.Null()]),
  /** IANA time zone of the patient's browser, to show their local time. */
  timeZone: Type.Union([Type.String(), Type.Null()]),
  firstSeenAt: Type.Number(),
  /** The clinic's site vouched for this patient (a signed `visitor:identify`): its id for them; null: details given by the patient, not verified. */
  verifiedId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  /** Whether the patient asked for reply notices, and by which channels — never the addresses. */
  notices: Type.Union([Type.Object({ email: Type.Boolean(), sms: Type.Boolean(), since: Type.Number() }), Type.Null()]),
});
export type PatientProfile = Static<typeof PatientProfileSchema>;

export const ReadyAnswerSchema = Type.Object({
  id: EntityIdSchema,
  /** Typed after `/` in the composer, e.g. "price-mri". */
  shortcut: Type.String({ pattern: ID_PATTERNS.answerShortcut }),
  title: Type.String({ minLength: 1, maxLength: LIMITS.shortTextMax }),
  text: Type.String({ minLength: 1, maxLength: LIMITS.messageTextMax }),
  /** Files sent with the answer (a price list, a leaflet): uploaded with `?scope=answers`. */
  attachments: Type.Optional(Type.Array(AttachmentRefSchema)),
});
export type ReadyAnswer = Static<typeof ReadyAnswerSchema>;

export const SaveAnswerSchema = Type.Object(
  {
    /** Absent: a new answer. */
    id: Type.Optional(EntityIdSchema),
    shortcut: ReadyAnswerSchema.properties.shortcut,
    title: ReadyAnswerSchema.properties.title,
    text: ReadyAnswerSchema.properties.text,
    /** Ids of the clinic's answer files (`POST /api/v1/attachments?scope=answers`); replaces the answer's files. */
    attachments: Type.Optional(AttachmentIdsSchema),
  },
  strict,
);
export type SaveAnswer = Static<typeof SaveAnswerSchema>;

/** `answers:use`: an answer made ready for one thread, before the writer sends it. */
export const UseAnswerSchema = Type.Object({ threadId: ThreadIdSchema, answerId: EntityIdSchema }, strict);
export type UseAnswer = Static<typeof UseAnswerSchema>;

export const UsedAnswerSchema = Type.Object({
  /** The answer's text with `{name}` filled in (answer-text.ts). */
  text: Type.String(),
  /** Copies of the answer's files as the caller's unsent uploads to the thread: send their ids with `message:send`. */
  attachments: Type.Array(AttachmentRefSchema),
});
export type UsedAnswer = Static<typeof UsedAnswerSchema>;

export const DeleteAnswerSchema = Type.Object({ id: EntityIdSchema }, strict);
export type DeleteAnswer = Static<typeof DeleteAnswerSchema>;

// ---- visitor identity ----

export const IdentifySchema = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: LIMITS.shortTextMax })),
    email: Type.Optional(Type.String({ maxLength: LIMITS.shortTextMax, pattern: '^[^@\\s]+@[^@\\s]+$' })),
    phone: Type.Optional(Type.String({ maxLength: 40, pattern: '^[+0-9 ()-]{5,40}$' })),
    /** The clinic site's own id of the signed-in patient, with `signature`: HMAC-SHA256 of it with the clinic's identity secret, hex. */
    patientId: Type.Optional(Type.String({ minLength: 1, maxLength: 128, pattern: '^[A-Za-z0-9._:@-]+$' })),
    signature: Type.Optional(Type.String({ pattern: '^[0-9a-f]{64}$' })),
  },
  strict,
);
export type Identify = Static<typeof IdentifySchema>;

// ---- server to client ----

export const TypingEventSchema = Type.Object({
  threadId: ThreadIdSchema,
  side: SideSchema,
  typing: Type.Boolean(),
  /** The staff member typing; absent for the patient. */
  staff: Type.Optional(StaffRefSchema),
});
export type TypingEvent = Static<typeof TypingEventSchema>;

export const ReadEventSchema = Type.Object({ threadId: ThreadIdSchema, side: SideSchema, upTo: StreamIdSchema });
export type ReadEvent = Static<typeof ReadEventSchema>;

export { PatientThreadSchema, StaffThreadSchema };

/** Staff ask the relay to send the patient of a thread a fresh resume link, by their stored contact. */
export const SendLinkSchema = Type.Object({ threadId: ThreadIdSchema }, strict);
export type SendLink = Static<typeof SendLinkSchema>;
export const SendLinkResultSchema = Type.Object({ channel: Type.Union([Type.Literal('email'), Type.Literal('sms')]) });
