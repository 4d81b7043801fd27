import type { FunnelStep } from "@domain/reports/funnel";
import { deals, leads } from "@server/db/schema";
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";

/*
 * The funnel steps of a lead in SQL, as src/domain/reports/funnel.ts defines them: a step is reached
 * when its own stamp or any later one is set, and its time is the first of those. The reports count
 * with these and the lead list filters by them (`funnelStep=`), so a funnel step opens exactly the
 * leads it counted. A lead is counted as won when the deal it was converted into is won (and not
 * deleted): a fact about the visible lead, whose convertedDealId its reader sees anyway, so the won
 * step does not depend on whether the reader may open that deal.
 */

/** The won deal a lead became, for a correlated subquery or a join. */
export const wonDealOf = () =>
  and(eq(deals.id, leads.convertedDealId), eq(deals.status, "won"), isNull(deals.deletedAt)) ?? sql`false`;

export function funnelStepTime(step: FunnelStep, wonAt: SQL): SQL {
  switch (step) {
    case "mal":
      return sql`coalesce(${leads.malAt}, ${leads.createdAt})`;
    case "mql":
      return sql`coalesce(${leads.mqlAt}, ${leads.salAt}, ${leads.sqlAt}, ${leads.convertedAt}, ${wonAt})`;
    case "sal":
      return sql`coalesce(${leads.salAt}, ${leads.sqlAt}, ${leads.convertedAt}, ${wonAt})`;
    case "sql":
      return sql`coalesce(${leads.sqlAt}, ${leads.convertedAt}, ${wonAt})`;
    case "converted":
      return sql`coalesce(${leads.convertedAt}, ${wonAt})`;
    case "won":
      return wonAt;
    default: {
      const unreachable: never = step;
      return unreachable;
    }
  }
}

/** The lead list's condition "has reached `step`". */
export function reachedFunnelStep(step: FunnelStep): SQL {
  const wonAt = sql`(select ${deals.closedAt} from ${deals} where ${wonDealOf()})`;
  if (step === "won") return sql`exists (select 1 from ${deals} where ${wonDealOf()})`;
  return sql`${funnelStepTime(step, wonAt)} is not null`;
}
