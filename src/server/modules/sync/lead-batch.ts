import { randomUUID } from "node:crypto";
import { authorize } from "@server/access/authorize";
import { assertAssignableOwner } from "@server/access/record-guards";
import { leadVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import type { Tx } from "@server/db/client";
import { updateRecordRows } from "@server/db/record-update";
import { leads } from "@server/db/schema";
import { AppError, field, notFound } from "@server/errors";
import { auditEntry, auditMany } from "@server/modules/audit/audit";
import { customFieldsOfWrite } from "@server/modules/custom-fields/record-custom-fields";
import * as repo from "@server/modules/leads/lead.repository";
import {
  assertLinksVisible,
  type LeadWriteChecks,
  type LeadWriteEnv,
  leadChangeEntries,
  leadChangeOf,
  leadCreatedChanges,
  newLeadRow,
} from "@server/modules/leads/lead.service";
import { nextRoundRobinOwners } from "@server/modules/leads/lead-rules";
import { readSettingsForWrite } from "@server/modules/settings/settings.service";
import { message } from "@shared/message-codes";
import type { CreateLeadInput, UpdateLeadInput } from "@shared/schemas/lead";
import type { BatchItem, BatchOutcome } from "./record-batch";

type LeadItem = BatchItem<CreateLeadInput, UpdateLeadInput>;

/**
 * A run of lead creates and changes, set-based (issue #22: 1,000 upserts ≤ 1 s at 1M leads): the
 * settings and score rules read once, the changed leads locked in one query through the visibility
 * gate, each record planned by the same functions as POST and PATCH (`newLeadRow`, `leadChangeOf`:
 * gate, rules, score), the owner and link checks once per distinct owner, contact and company, then
 * one multi-row INSERT per 250 new leads, one UPDATE … FROM jsonb_populate_recordset for the changes
 * and the audit entries in multi-row INSERTs. `record_changes` and webhook events come from the
 * tables' triggers within these statements.
 */
export async function writeLeads(ctx: ServiceContext, tx: Tx, items: LeadItem[]): Promise<BatchOutcome[]> {
  const outcomes: (BatchOutcome | undefined)[] = items.map(() => undefined);
  const mayCreate = refusalOf(() => authorize(ctx, "lead.create"));
  const { settings, scoreRules } = await readSettingsForWrite(tx);
  const ids = [...new Set(items.flatMap((item) => (item.kind === "update" ? [item.id] : [])))];
  const current = new Map(
    (ids.length > 0 ? await repo.findLeadsForUpdate(tx, ids, leadVisibility(ctx)) : []).map((r) => [r.id, r]),
  );
  const env: LeadWriteEnv = { settings, scoreRules, checks: memoizedChecks(ctx, tx, items) };
  const inserts: { at: number; values: repo.NewLeadRow & { id: string } }[] = [];
  const updates: {
    at: number;
    current: repo.LeadRow;
    values: Partial<repo.NewLeadRow>;
    why: UpdateLeadInput;
  }[] = [];
  for (const [at, item] of items.entries()) {
    try {
      if (item.kind === "create") {
        if (mayCreate) throw mayCreate;
        inserts.push({ at, values: { ...(await newLeadRow(ctx, item.input, env)), id: randomUUID() } });
      } else {
        const row = current.get(item.id);
        if (!row) throw notFound("lead_not_found");
        updates.push({
          at,
          current: row,
          values: await leadChangeOf(ctx, row, item.input, env),
          why: item.input,
        });
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      outcomes[at] = { error };
    }
  }

  const inserted = new Map(
    (
      await repo.insertLeads(
        tx,
        inserts.map((i) => i.values),
      )
    ).map((r) => [r.id, r]),
  );
  const updated = new Map(
    (
      await updateRecordRows(
        tx,
        leads,
        updates.map((u) => ({ current: u.current, values: u.values })),
      )
    ).map((r) => [r.id, r]),
  );
  const entries: ReturnType<typeof auditEntry>[] = [];
  for (const { at, values } of inserts) {
    const row = inserted.get(values.id);
    // Skipped by ON CONFLICT: a concurrent request gave another lead this externalId meanwhile.
    if (!row) {
      outcomes[at] = {
        error: new AppError("conflict", message("external_id_taken"), [
          field("externalId", "external_id_taken"),
        ]),
      };
      continue;
    }
    entries.push(auditEntry(ctx, "lead.created", row, leadCreatedChanges(row)));
    outcomes[at] = { id: row.id };
  }
  for (const { at, current: before, why } of updates) {
    const row = updated.get(before.id);
    if (!row) throw new Error("a locked lead was not updated");
    entries.push(...leadChangeEntries(ctx, before, row, why));
    outcomes[at] = { id: row.id };
  }
  await auditMany(tx, entries);
  return outcomes.map((o) => o ?? { error: notFound("lead_not_found") });
}

/** The refusal a check throws, or null when it passes. */
function refusalOf(check: () => void): AppError | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
}

/**
 * The database checks of a run, each asked once per owner, contact and company. Round-robin turns
 * are taken for all new leads of a team at once (`nextRoundRobinOwners`), as many as the run has
 * new leads without an owner in that team; a record refused after taking its turn leaves it used.
 */
function memoizedChecks(ctx: ServiceContext, tx: Tx, items: LeadItem[]): LeadWriteChecks {
  const asked = new Map<string, Promise<void>>();
  const once = (key: string, check: () => Promise<void>) => {
    let answer = asked.get(key);
    if (!answer) {
      answer = check();
      asked.set(key, answer);
    }
    return answer;
  };
  const turns = new Map<string, Promise<string[]>>();
  return {
    assignableOwner: (ownerId) =>
      once(`owner:${ownerId}`, () => assertAssignableOwner(tx, ctx.actor, ownerId, "lead")),
    linksVisible: async ({ contactId, companyId }) => {
      if (contactId) await once(`contact:${contactId}`, () => assertLinksVisible(ctx, tx, { contactId }));
      if (companyId) await once(`company:${companyId}`, () => assertLinksVisible(ctx, tx, { companyId }));
    },
    roundRobinOwner: async (teamId) => {
      let queue = turns.get(teamId);
      if (!queue) {
        const wanting = items.filter(
          (i) => i.kind === "create" && !i.input.ownerId && (i.input.teamId ?? ctx.actor.teamId) === teamId,
        ).length;
        queue = nextRoundRobinOwners(tx, teamId, wanting);
        turns.set(teamId, queue);
      }
      return (await queue).shift() ?? null;
    },
    // The definitions are the process's in-memory copy: a query only for user-type values.
    customFields: (input, options) => customFieldsOfWrite(ctx, tx, "lead", input, options),
  };
}
