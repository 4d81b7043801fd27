import type { JobDefinition } from "@server/jobs/job-definition";
import type { FastifyInstance } from "fastify";
import { takeForecastSnapshot } from "./forecast-snapshot.repository";
import { stageStayStatsJob } from "./stage-stay-stats.job";

const HOUR = 3_600_000;

/**
 * The nightly forecast snapshot (#18 point 5): once per day (UTC) every open deal's stage, amount,
 * probability and expected close, so the forecast can show the change since last week and, for past
 * months, forecast against actual. It looks every hour and writes only when today has no snapshot
 * yet, so a day missed while no process ran is taken at the next start.
 */
export function forecastSnapshotJob(): JobDefinition {
  return {
    name: "forecast-snapshot",
    everyMs: HOUR,
    atStart: true,
    keepMs: 7 * 24 * HOUR,
    async run(ctx) {
      await takeForecastSnapshot(ctx.db, new Date());
    },
  };
}

export function registerReportJobs(app: FastifyInstance): void {
  app.jobs.register(forecastSnapshotJob());
  app.jobs.register(stageStayStatsJob());
}
