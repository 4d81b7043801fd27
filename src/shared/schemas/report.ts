import { FUNNEL_STEPS } from "@domain/reports/funnel";
import { HEALTH_FLAGS } from "@domain/reports/health";
import { msg } from "@shared/message-codes";
import { z } from "zod";
import { idSchema, isoDateTime, isoDay } from "./common";
import { dealStatusSchema } from "./deal";
import { moneySchema } from "./fields";
import { leadSourceSchema, leadStatusSchema } from "./lead";

/** An IANA zone both the server (Intl) and PostgreSQL know; checked again by the database's cast. */
function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{0,63}$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .refine(isTimeZone, msg("time_zone_invalid"))
  .describe("IANA time zone of the reader (periods and 'today' follow it), e.g. Europe/Berlin");

export const funnelStepSchema = z.enum(FUNNEL_STEPS);
export const healthFlagSchema = z.enum(HEALTH_FLAGS);
export const FUNNEL_GROUPS = ["month", "quarter", "year", "source", "owner", "team"] as const;

/** The filters every report takes (API.md: from, to, teamId, ownerId, source, pipelineId). */
export const reportQuery = z
  .strictObject({
    from: isoDay.optional().describe("First day of the period (in timeZone), inclusive"),
    to: isoDay.optional().describe("Last day of the period (in timeZone), inclusive"),
    teamId: idSchema.optional(),
    ownerId: idSchema.optional(),
    source: leadSourceSchema.optional(),
    pipelineId: idSchema.optional(),
    timeZone: timeZoneSchema.default("Europe/Berlin"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: msg("period_reversed"), path: ["to"] });
export type ReportQuery = z.output<typeof reportQuery>;

export const funnelQuery = z
  .strictObject({
    ...reportQuery.shape,
    groupBy: z.enum(FUNNEL_GROUPS).default("month").describe("How the cohort table is grouped"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: msg("period_reversed"), path: ["to"] });
export type FunnelQuery = z.output<typeof funnelQuery>;

export const healthQuery = z
  .strictObject({
    ...reportQuery.shape,
    flag: healthFlagSchema.optional().describe("Only deals with this flag"),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(500).optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: msg("period_reversed"), path: ["to"] });
export type HealthQuery = z.output<typeof healthQuery>;

export const forecastQuery = z
  .strictObject({
    ...reportQuery.shape,
    asOf: isoDay
      .optional()
      .describe("A past day: the pipeline as the newest snapshot on or before it saw it"),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: msg("period_reversed"), path: ["to"] });
export type ForecastQuery = z.output<typeof forecastQuery>;

const moneyList = z.array(moneySchema).describe("One entry per currency");

/** The period a report covered, as days in the zone and as the instants the list links filter by. */
export const periodSchema = z.object({
  from: isoDay,
  to: isoDay,
  timeZone: z.string(),
  startsAt: isoDateTime.describe("from 00:00 in timeZone"),
  endsBefore: isoDateTime.describe("the day after `to`, 00:00 in timeZone"),
});

const stepCounts = z.object(
  Object.fromEntries(FUNNEL_STEPS.map((s) => [s, z.number().int()])) as {
    [K in (typeof FUNNEL_STEPS)[number]]: z.ZodNumber;
  },
);

export const funnelReportSchema = z.object({
  period: periodSchema,
  steps: z.array(
    z.object({
      step: funnelStepSchema,
      count: z.number().int().describe("Leads created in the period that reached this step"),
      rateFromPrevious: z.number().nullable().describe("count ÷ the previous step's count, 0–1"),
      medianDaysFromPrevious: z.number().nullable(),
    }),
  ),
  groupBy: z.enum(FUNNEL_GROUPS),
  groups: z
    .array(z.object({ key: z.string().nullable(), label: z.string().nullable(), counts: stepCounts }))
    .describe(
      "Cohorts (leads created in each month, quarter or year, and how far they got) or the breakdown",
    ),
});
export type FunnelReport = z.infer<typeof funnelReportSchema>;

export const stageFiguresSchema = z.object({
  stageId: idSchema,
  name: z.string(),
  probability: z.number().int(),
  count: z.number().int(),
  sum: moneyList,
  weightedSum: moneyList,
  medianDaysInStage: z.number().nullable().describe("Over finished stays of the stage"),
  p75DaysInStage: z.number().nullable(),
});

export const pipelineReportSchema = z.object({
  period: periodSchema,
  pipelineId: idSchema.nullable(),
  stages: z.array(stageFiguresSchema).describe("Open deals now, by stage"),
  won: z.object({ count: z.number().int(), sum: moneyList }),
  lost: z.object({ count: z.number().int() }),
  winRate: z.number().nullable().describe("won ÷ (won + lost) closed in the period, 0–1"),
  averageDealSize: moneyList.describe("Won in the period, per currency"),
  salesCycleMedianDays: z.number().nullable().describe("Created to won, median, won in the period"),
  lostReasons: z.array(z.object({ reason: z.string(), count: z.number().int() })),
  wonRevenueBySource: z.array(
    z.object({ source: leadSourceSchema.nullable(), count: z.number().int(), sum: moneyList }),
  ),
});
export type PipelineReport = z.infer<typeof pipelineReportSchema>;

export const forecastBucketSchema = z.object({
  key: z.string().describe('"overdue", a month "YYYY-MM", "later" or "none" (no expected close date)'),
  closeFrom: isoDay.nullable().describe("For the deal list link"),
  closeTo: isoDay.nullable(),
  count: z.number().int(),
  sum: moneyList,
  weightedSum: moneyList,
});

export const forecastReportSchema = z.object({
  today: isoDay.describe("The day the buckets are seen from (asOf's snapshot day when asked)"),
  asOf: isoDay.nullable().describe("The snapshot day the buckets come from; null: the live pipeline"),
  pipelineId: idSchema.nullable(),
  buckets: z.array(forecastBucketSchema),
  snapshot: z
    .object({
      takenOn: isoDay,
      changes: z.object({
        new: z.number().int(),
        moved: z.number().int(),
        won: z.number().int(),
        lost: z.number().int(),
        slipped: z.number().int(),
      }),
    })
    .nullable()
    .describe("Changes since the snapshot of a week ago (null before the first one)"),
  accuracy: z
    .array(
      z.object({
        month: z.string(),
        forecast: moneyList.describe(
          "Weighted pipeline for the month, as the snapshot on its first day saw it",
        ),
        actual: moneyList.describe("Won in the month"),
      }),
    )
    .describe("Past months with a snapshot on their first day"),
});
export type ForecastReport = z.infer<typeof forecastReportSchema>;

export const healthCountsSchema = z.object({
  flagged: z.number().int(),
  no_next_activity: z.number().int(),
  close_date_passed: z.number().int(),
  stuck: z.number().int(),
});

export const healthDealSchema = z.object({
  id: idSchema,
  title: z.string(),
  status: dealStatusSchema,
  stageId: idSchema,
  stageName: z.string(),
  ownerId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  amount: moneySchema.nullable(),
  expectedCloseDate: isoDay.nullable(),
  daysInStage: z.number().int(),
  medianDaysInStage: z.number().nullable(),
  flags: z.array(healthFlagSchema),
});

export const healthReportSchema = z.object({
  today: isoDay,
  counts: healthCountsSchema,
  data: z.array(healthDealSchema).describe("The deals that need attention, longest in their stage first"),
  nextCursor: z.string().nullable(),
});
export type HealthReport = z.infer<typeof healthReportSchema>;

export const dashboardSchema = z.object({
  view: z.enum(["personal", "team"]).describe("team for admins and managers"),
  period: periodSchema.describe("This month in the reader's zone"),
  previousPeriod: periodSchema,
  mine: z.object({
    openLeadsByStatus: z.array(z.object({ status: leadStatusSchema, count: z.number().int() })),
    tasks: z.object({ overdue: z.number().int(), today: z.number().int() }),
    pipeline: z.object({ pipelineId: idSchema.nullable(), stages: z.array(stageFiguresSchema) }),
    wonThisMonth: z.object({ count: z.number().int(), sum: moneyList }),
    wonLastMonth: z.object({ count: z.number().int(), sum: moneyList }),
    health: healthCountsSchema,
  }),
  team: z
    .object({
      funnel: funnelReportSchema.shape.steps,
      forecast: z.array(forecastBucketSchema),
      winRate: z.number().nullable(),
      leadResponseMedianHours: z
        .number()
        .nullable()
        .describe("Lead created → its first activity, median over leads created this month"),
      leaderboard: z.array(
        z.object({
          ownerId: idSchema,
          name: z.string(),
          wonCount: z.number().int(),
          wonSum: moneyList,
          openCount: z.number().int(),
        }),
      ),
      health: healthCountsSchema,
    })
    .nullable(),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
