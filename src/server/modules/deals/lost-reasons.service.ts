import { DEFAULT_LOST_REASONS } from "@domain/deals/default-pipeline";
import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { audit } from "@server/modules/audit/audit";
import { readLostReasons, writeLostReasons } from "./lost-reasons.repository";

/**
 * The lost reasons the UI offers when a deal is marked lost. Like most CRMs (Pipedrive's default,
 * HubSpot's "other"), the list guides rather than restricts: `POST /deals/{id}/lost` accepts any
 * non-empty reason, so an unusual loss is recorded in words instead of squeezed into a wrong entry,
 * and renaming a list entry never invalidates past deals. Until an admin saves a list, the defaults
 * in the caller's language apply.
 */
export async function getLostReasons(ctx: ServiceContext): Promise<{ reasons: string[] }> {
  const stored = await readLostReasons(ctx.db);
  return { reasons: stored ?? DEFAULT_LOST_REASONS[ctx.actor.locale] };
}

export async function updateLostReasons(
  ctx: ServiceContext,
  reasons: string[],
): Promise<{ reasons: string[] }> {
  authorize(ctx, "lost_reason.manage");
  const unique = [...new Set(reasons)];
  await ctx.db.transaction(async (tx) => {
    await writeLostReasons(tx, unique);
    await audit(tx, ctx, "settings.lost_reasons_updated", null, { reasons: unique });
  });
  return { reasons: unique };
}
