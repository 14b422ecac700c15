/**
 * The complaint conversation as the patient follows it (issue 13 §1, R13): the clinic's
 * status steps ("We received your feedback" → "Checking with the doctor" → "A solution is
 * proposed"), the steps a thread has reached with their times, and the patient's own
 * answer — "My problem is solved" or "Not yet" — with an optional 1–5 rating. Staff
 * marking a thread `solved` is a different thing: only the patient's answer solves a
 * review.
 *
 * Kept on the thread (not as stream messages), so the patient's view carries the whole
 * progress line and a reader needs no history page to draw it.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ActionIdSchema, ThreadIdSchema } from './ids.ts';
import { ReviewIdSchema } from './review-api.ts';

const strict = { additionalProperties: false } as const;

export const STEP_LIMITS = { steps: 8, labelMax: 80, commentMax: 1000, ratingMax: 5 } as const;

export const StepIdSchema = Type.String({ pattern: '^[a-z0-9-]{1,32}$' });
const LabelSchema = Type.String({ minLength: 1, maxLength: STEP_LIMITS.labelMax });

/** One step a clinic offers; `solution: true` marks the step that proposes a solution (the patient may answer "Not yet"). */
export const StatusStepSchema = Type.Object(
  {
    id: StepIdSchema,
    label: Type.Object({ ru: LabelSchema, en: LabelSchema }, strict),
    solution: Type.Optional(Type.Boolean()),
  },
  strict,
);
export type StatusStep = Static<typeof StatusStepSchema>;

/** A step the thread reached, and when (server time, ms). The last one is the current step. */
export const ReachedStepSchema = Type.Object({ ...StatusStepSchema.properties, at: Type.Number() });
export type ReachedStep = Static<typeof ReachedStepSchema>;

/** The patient's answer: `solved` (the button) or not yet; a rating only after "solved". */
export const PatientSolutionSchema = Type.Object({
  solved: Type.Boolean(),
  at: Type.Number(),
  rating: Type.Union([Type.Integer({ minimum: 1, maximum: STEP_LIMITS.ratingMax }), Type.Null()]),
  comment: Type.Union([Type.String(), Type.Null()]),
});
export type PatientSolution = Static<typeof PatientSolutionSchema>;

/** The review a thread is about (issue 13 §1): shown to the patient and in the console. Never its text. */
export const ThreadReviewSchema = Type.Object({ id: ReviewIdSchema, url: Type.String(), rating: Type.Integer() });
export type ThreadReview = Static<typeof ThreadReviewSchema>;

/** Spread into PatientThread and StaffThread: absent on a thread without a review, steps or an answer. */
export const resolutionFields = {
  review: Type.Optional(ThreadReviewSchema),
  steps: Type.Optional(Type.Array(ReachedStepSchema)),
  solution: Type.Optional(PatientSolutionSchema),
};

// ---- requests ----

/** Staff: move a complaint to one of the clinic's steps. */
export const SetStepSchema = Type.Object({ threadId: ThreadIdSchema, stepId: StepIdSchema, actionId: Type.Optional(ActionIdSchema) }, strict);
export type SetStep = Static<typeof SetStepSchema>;

/**
 * Patient: "My problem is solved" (`solved: true`) or "Not yet" (`false`); after
 * "solved", the same event again with `rating` (and a `comment`) rates the conversation.
 */
export const ResolveThreadSchema = Type.Object(
  {
    threadId: ThreadIdSchema,
    solved: Type.Boolean(),
    rating: Type.Optional(Type.Integer({ minimum: 1, maximum: STEP_LIMITS.ratingMax })),
    comment: Type.Optional(Type.String({ maxLength: STEP_LIMITS.commentMax })),
  },
  strict,
);
export type ResolveThread = Static<typeof ResolveThreadSchema>;
