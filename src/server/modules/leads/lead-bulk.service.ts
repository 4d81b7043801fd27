import { applyStatusEdit, type LeadStatus } from "@domain/leads/lead-status";
import { type Refusal, refusalOf } from "@domain/policy/policy";
import { authorize, refusalError } from "@server/access/authorize";
import { assertAssignableOwner } from "@server/access/record-guards";
import { leadVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { skipEntry } from "@server/errors";
import { softDelete } from "@server/modules/audit/soft-delete";
import { readScoreRulesForWrite } from "@server/modules/settings/settings.service";
import { type Message, message } from "@shared/message-codes";
import type { bulkLeadBody } from "@shared/schemas/lead";
import type { z } from "zod";
import * as repo from "./lead.repository";
import { auditLeadChange } from "./lead.service";
import { scoreOf } from "./lead-rules";

type BulkInput = z.infer<typeof bulkLeadBody>;

/** The report words a refusal as the bulk answer always has (shorter than a single request's detail). */
function skipReason(refusal: Refusal): Message {
  return refusal.code === "lead_converted_edit"
    ? message("lead_converted:edited")
    : refusalError(refusal).detail;
}

/**
 * One transaction for the whole selection: every lead that may take the change gets it, the others are
 * reported with the reason (a converted lead, a closed lead without reopening, …). Invisible ids are
 * reported as not found, the same answer a single request would give.
 */
export async function bulkUpdateLeads(ctx: ServiceContext, input: BulkInput) {
  return ctx.db.transaction(async (tx) => {
    const scoreRules = await readScoreRulesForWrite(tx);
    if (input.action === "assign" && input.ownerId)
      await assertAssignableOwner(tx, ctx.actor, input.ownerId, "lead");
    if (input.action === "delete") authorize(ctx, "lead.bulk_delete");
    if (input.action === "assign") authorize(ctx, "lead.change_owner");
    const rows = await repo.findLeadsForUpdate(tx, [...new Set(input.ids)], leadVisibility(ctx));
    const found = new Set(rows.map((r) => r.id));
    const updated: string[] = [];
    const skipped = input.ids
      .filter((id) => !found.has(id))
      .map((id) => skipEntry(id, message("lead_not_found")));

    for (const current of rows) {
      const refusal = refusalOf(
        ctx.actor,
        input.action === "delete" ? "lead.delete" : "lead.update",
        current,
      );
      if (refusal) {
        skipped.push(skipEntry(current.id, skipReason(refusal)));
        continue;
      }
      if (input.action === "delete") {
        await softDelete(tx, ctx, "lead", current.id);
        updated.push(current.id);
        continue;
      }
      let changes: Partial<repo.NewLeadRow>;
      if (input.action === "tag") {
        const tags = new Set(current.tags);
        for (const t of input.add) tags.add(t);
        for (const t of input.remove) tags.delete(t);
        changes = { tags: [...tags] };
      } else {
        const ownerAfter = input.action === "assign" ? input.ownerId : current.ownerId;
        const outcome = applyStatusEdit({
          current: current.status as LeadStatus,
          requested: input.action === "status" ? input.status : undefined,
          ownerBefore: current.ownerId,
          ownerAfter,
          deadReason: input.action === "status" ? input.deadReason : current.deadReason,
        });
        if (!outcome.ok) {
          skipped.push(skipEntry(current.id, outcome.violation.message));
          continue;
        }
        changes = {
          ownerId: ownerAfter,
          status: outcome.status,
          deadReason:
            outcome.status === "dead"
              ? ((input.action === "status" ? input.deadReason : current.deadReason) ?? null)
              : null,
          ...(ownerAfter && ownerAfter !== current.ownerId ? { assignedAt: new Date() } : {}),
        };
      }
      const merged = { ...current, ...changes } as repo.LeadRow;
      const row = await repo.updateLeadRow(tx, current.id, {
        ...changes,
        ...scoreOf(merged, scoreRules),
      });
      await auditLeadChange(tx, ctx, current, row, {
        deadReason: input.action === "status" ? input.deadReason : null,
      });
      updated.push(current.id);
    }
    return { updated, skipped };
  });
}
