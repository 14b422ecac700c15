/**
 * A clinic's settings for complaint work (issue 13): the status steps its patients see
 * (R13) and the writing guidance its staff get (R14) — which rules are on, the owner's
 * own jargon words, and whether every conversation gets advice or only complaints.
 */
import { Type, type Static } from '@sinclair/typebox';
import { StatusStepSchema, STEP_LIMITS } from './review-flow.ts';
import { GUIDANCE_RULES } from './writing-guidance.ts';

const strict = { additionalProperties: false } as const;

export const GUIDANCE_LIMITS = { words: 200, wordMax: 60 } as const;

export const GuidanceSettingsSchema = Type.Object(
  {
    /** Advice in every conversation, not only in complaints. */
    everyThread: Type.Boolean(),
    /** Rules the owner switched off. */
    off: Type.Array(Type.Union(GUIDANCE_RULES.map((rule) => Type.Literal(rule))), { maxItems: GUIDANCE_RULES.length, uniqueItems: true }),
    /** Jargon added to the built-in list. */
    jargon: Type.Array(Type.String({ minLength: 1, maxLength: GUIDANCE_LIMITS.wordMax }), { maxItems: GUIDANCE_LIMITS.words }),
  },
  strict,
);
export type GuidanceSettings = Static<typeof GuidanceSettingsSchema>;

export const ReviewSettingsSchema = Type.Object(
  {
    steps: Type.Array(StatusStepSchema, { minItems: 1, maxItems: STEP_LIMITS.steps }),
    guidance: GuidanceSettingsSchema,
  },
  strict,
);
export type ReviewSettings = Static<typeof ReviewSettingsSchema>;

/** The owner changes either part, or both. */
export const ReviewSettingsUpdateSchema = Type.Partial(ReviewSettingsSchema, strict);
export type ReviewSettingsUpdate = Static<typeof ReviewSettingsUpdateSchema>;

export const DEFAULT_GUIDANCE: GuidanceSettings = Object.freeze({ everyThread: false, off: [], jargon: [] });
