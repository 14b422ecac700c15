/**
 * The widget's first screen (issue 13 §3): the clinic's office hours as a weekly schedule,
 * the reply promise, the emergency notice and the privacy consent. The relay decides and
 * words everything for the widget's language (relay/hours/), so the widget carries no rule
 * and no default text: it shows what `FirstScreen` says.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ID_PATTERNS, LIMITS } from './limits.ts';

const DAY_MINUTES = 24 * 60;

/** One opening interval of a day, in minutes since the clinic's local midnight: [from, to). */
export const OpeningSchema = Type.Object(
  { from: Type.Integer({ minimum: 0, maximum: DAY_MINUTES - 1 }), to: Type.Integer({ minimum: 1, maximum: DAY_MINUTES }) },
  { additionalProperties: false },
);
export type Opening = Static<typeof OpeningSchema>;

/**
 * The clinic's week: `days[0]` is Monday … `days[6]` Sunday (ISO order), each a list of
 * intervals in ascending order that do not overlap; an empty list is a day off. Times are
 * wall-clock times in `timeZone` (IANA, e.g. "Europe/Moscow"), so a DST change moves nothing.
 */
export const WeekScheduleSchema = Type.Object(
  {
    timeZone: Type.String({ pattern: ID_PATTERNS.timeZone }),
    days: Type.Array(Type.Array(OpeningSchema, { maxItems: 4 }), { minItems: 7, maxItems: 7 }),
  },
  { additionalProperties: false },
);
export type WeekSchedule = Static<typeof WeekScheduleSchema>;

/** What the owner decides about the patient's consent to processing their (health) data before the first message. */
export const PrivacySettingsSchema = Type.Object(
  {
    /** The widget asks for consent before the first message, and the relay refuses a message without it (CONSENT_REQUIRED). */
    consentRequired: Type.Boolean(),
    /** The clinic's privacy policy, linked from the notice. */
    policyUrl: Type.Union([Type.String({ pattern: ID_PATTERNS.pageUrl, maxLength: LIMITS.pageUrlMax }), Type.Null()]),
  },
  { additionalProperties: false },
);
export type PrivacySettings = Static<typeof PrivacySettingsSchema>;

/** "We reply within" in minutes, when the clinic sets it; null: the clinic's recent median first response. */
export const ReplyMinutesSchema = Type.Union([Type.Integer({ minimum: 1, maximum: DAY_MINUTES }), Type.Null()]);

/**
 * Which version of the consent text (relay/hours/first-screen-words.ts) the patient agreed
 * to: a new wording gets a new version, and the stored consent names the one that was shown.
 */
export const PRIVACY_CONSENT_VERSION = '2026-11-30';

/** What the widget shows above the conversation, in its language (part of `PublicClinic`). */
export const FirstScreenSchema = Type.Object({
  /** Always shown: e.g. "Not for emergencies — call 103 or 112". */
  emergency: Type.String(),
  /**
   * "We reply within ~5 min" or "We're closed now — we'll answer from 8:00 tomorrow", as of
   * the connection (a reconnect brings it up to date; the away message is decided per
   * message); null when the clinic has set no weekly schedule (free-text hours are shown as they are).
   */
  hours: Type.Union([Type.Object({ open: Type.Boolean(), text: Type.String() }), Type.Null()]),
  /** The consent box's label, the policy link and the version the relay records; null when the clinic asks for no consent. */
  privacy: Type.Union([
    Type.Object({ text: Type.String(), link: Type.String(), url: Type.Union([Type.String(), Type.Null()]), version: Type.String() }),
    Type.Null(),
  ]),
});
export type FirstScreen = Static<typeof FirstScreenSchema>;

/** `visitor:consent`: the patient ticked the box showing `version`'s text. */
export const VisitorConsentSchema = Type.Object({ version: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });
export type VisitorConsent = Static<typeof VisitorConsentSchema>;

/** A recorded consent, as stored with the visitor. */
export const ConsentRecordSchema = Type.Object({ version: Type.String(), at: Type.Number() });
export type ConsentRecord = Static<typeof ConsentRecordSchema>;

/** A schedule's first problem (overlapping or unordered intervals), or null; the schema checks the rest. */
export function scheduleProblem(schedule: WeekSchedule): { path: string; reason: string } | null {
  for (const [day, openings] of schedule.days.entries()) {
    let end = 0;
    for (const [i, { from, to }] of openings.entries()) {
      if (from >= to || from < end) return { path: `/days/${day}/${i}`, reason: 'intervals must be ascending, not overlapping, and end after they start' };
      end = to;
    }
  }
  return null;
}
