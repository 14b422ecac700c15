/**
 * The head's quality report (issue 13 §4, R15): per staff member and for the clinic over
 * a period of days — conversations, first-response time (median, 90th percentile),
 * resolution time (median), the share of first replies given within office hours,
 * complaints opened and solved by the patient, ratings — plus the clinic's figures per
 * day for the charts. Days are UTC calendar days, `from` and `to` inclusive.
 * Served by the staff event `reports:get` and `GET /api/v1/reports?from=&to=`.
 */
import { Type, type Static } from '@sinclair/typebox';
import { StaffRefSchema } from './model.ts';
import { ThreadIdSchema } from './ids.ts';

/** The longest period one report covers. */
export const REPORT_MAX_DAYS = 366;
/** Conversations listed per row for the drill-down. */
export const REPORT_DRILL_DOWN = 50;

const DaySchema = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

export const ReportQuerySchema = Type.Object({ from: DaySchema, to: DaySchema }, { additionalProperties: false });
export type ReportQuery = Static<typeof ReportQuerySchema>;

const Ms = Type.Union([Type.Number(), Type.Null()]);
const Share = Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()]);

export const ReportFiguresSchema = Type.Object({
  /** For the clinic: conversations begun; for a staff member: conversations they gave the first reply in. */
  conversations: Type.Integer(),
  firstResponseMedianMs: Ms,
  firstResponseP90Ms: Ms,
  resolutionMedianMs: Ms,
  /** First replies given within the clinic's office hours, of all first replies (null: none, or no readable hours). */
  answeredInHoursShare: Share,
  complaintsOpened: Type.Integer(),
  complaintsSolvedByPatient: Type.Integer(),
  solvedShare: Share,
  ratings: Type.Integer(),
  ratingAverage: Ms,
  /** The conversations behind the figures (first replies and resolutions), newest first, for the drill-down. */
  threads: Type.Array(ThreadIdSchema, { maxItems: REPORT_DRILL_DOWN }),
});
export type ReportFigures = Static<typeof ReportFiguresSchema>;

export const ReportSchema = Type.Object({
  from: DaySchema,
  to: DaySchema,
  clinic: ReportFiguresSchema,
  staff: Type.Array(Type.Object({ staff: StaffRefSchema, figures: ReportFiguresSchema })),
  days: Type.Array(
    Type.Object({
      day: DaySchema,
      conversations: Type.Integer(),
      firstResponseMedianMs: Ms,
      complaintsOpened: Type.Integer(),
      complaintsSolvedByPatient: Type.Integer(),
    }),
  ),
});
export type Report = Static<typeof ReportSchema>;

export const REPORTS_PATH = '/api/v1/reports';
