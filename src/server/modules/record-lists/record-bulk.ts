import { refusalOf } from "@domain/policy/policy";
import { authorize, refusalError } from "@server/access/authorize";
import { assertAssignableOwner } from "@server/access/record-guards";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { skipEntry } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import { softDelete } from "@server/modules/audit/soft-delete";
import { message } from "@shared/message-codes";
import type { BulkRecordInput } from "@shared/schemas/record-bulk";

interface BulkRow {
  id: string;
  ownerId: string | null;
  teamId: string | null;
  tags: string[];
}

interface BulkTarget<Row extends BulkRow> {
  entity: "contact" | "company";
  /** Locks and returns the visible rows among `ids`. */
  lock(tx: DbOrTx, ids: string[]): Promise<Row[]>;
  update(tx: DbOrTx, id: string, values: { ownerId?: string | null; tags?: string[] }): Promise<unknown>;
}

// The generic code, as a single request's 404 would name the record only in its text.
const NOT_FOUND = { contact: "not_found:contact", company: "not_found:company" } as const;

/**
 * Assign, tag or delete many contacts or companies in one transaction. Invisible ids are reported as
 * not found, the answer a single request would give; each change is audited like a single edit.
 */
export async function bulkUpdateRecords<Row extends BulkRow>(
  ctx: ServiceContext,
  input: BulkRecordInput,
  target: BulkTarget<Row>,
) {
  return ctx.db.transaction(async (tx) => {
    if (input.action === "assign") authorize(ctx, `${target.entity}.change_owner`);
    if (input.action === "assign" && input.ownerId)
      await assertAssignableOwner(tx, ctx.actor, input.ownerId, target.entity);
    const rows = await target.lock(tx, [...new Set(input.ids)]);
    const found = new Set(rows.map((r) => r.id));
    const skipped = input.ids
      .filter((id) => !found.has(id))
      .map((id) => skipEntry(id, message(NOT_FOUND[target.entity])));
    const updated: string[] = [];
    for (const current of rows) {
      // The matrix's Edit or Delete scope, record by record: the others are reported with the reason.
      const action = input.action === "delete" ? "delete" : "update";
      const refusal = refusalOf(ctx.actor, `${target.entity}.${action}`, current);
      if (refusal) {
        skipped.push(skipEntry(current.id, refusalError(refusal).detail));
        continue;
      }
      if (input.action === "delete") {
        await softDelete(tx, ctx, target.entity, current.id);
      } else if (input.action === "assign") {
        if (current.ownerId === input.ownerId) {
          updated.push(current.id); // already so: nothing to change or audit
          continue;
        }
        await target.update(tx, current.id, { ownerId: input.ownerId });
        await audit(tx, ctx, `${target.entity}.updated`, current, {
          ownerId: { from: current.ownerId, to: input.ownerId },
        });
      } else {
        const tags = new Set(current.tags);
        for (const t of input.add) tags.add(t);
        for (const t of input.remove) tags.delete(t);
        const next = [...tags];
        if (JSON.stringify(next) === JSON.stringify(current.tags)) {
          updated.push(current.id);
          continue;
        }
        await target.update(tx, current.id, { tags: next });
        await audit(tx, ctx, `${target.entity}.updated`, current, {
          tags: { from: current.tags, to: next },
        });
      }
      updated.push(current.id);
    }
    return { updated, skipped };
  });
}
