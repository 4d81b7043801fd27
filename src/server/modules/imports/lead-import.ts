import type { IntakeInput } from "@domain/intake/intake-types";
import { LEAD_AUDITED_FIELDS, LEAD_INQUIRY_FIELDS } from "@domain/leads/lead-fields";
import type { LeadSource } from "@domain/leads/lead-source";
import type { DbOrTx } from "@server/db/client";
import { updateRecordRows } from "@server/db/record-update";
import { leads } from "@server/db/schema";
import type { LiveMessage } from "@server/live/live-message";
import { auditEntry, auditMany, fieldChanges } from "@server/modules/audit/audit";
import {
  type PlannedIntake,
  planIntakeBatch,
  recordIntakeBatch,
} from "@server/modules/intake/intake.service";
import type { ImportOutcome } from "@shared/schemas/import";
import * as repo from "./import.repository";
import {
  customCellContext,
  customChanges,
  customFieldsAfter,
  isCustomTarget,
  readCustomCells,
  setLeadCustomFields,
} from "./import-custom-fields";
import { mappedCells, mapRow } from "./import-mapping";

type LeadRow = typeof leads.$inferSelect;

/** What a row would do (dry run) or does (run), with the reasons shown in the preview. */
export interface RowPlan {
  rowNo: number;
  outcome: ImportOutcome;
  detail: Record<string, unknown> | null;
  input: IntakeInput | null;
  source: LeadSource | null;
  /** The row's external id, given to the lead it creates. */
  externalId: string | null;
  /** The row's custom values (`cf.<key>` columns), set on the lead it creates. */
  customFields?: Record<string, unknown> | null;
  /** For update: the lead and its fields' new values. */
  leadId: string | null;
  changes: Record<string, { from: unknown; to: unknown }> | null;
  /** The intake pipeline's plan of the row (normalised values, identity, team): the run records it as is. */
  intake: PlannedRow | null;
}

type PlannedRow = Extract<PlannedIntake, { kind: "planned" }>;

/** Options of the run's planning: the importer's team is the channel's team, as a form's is. */
export interface LeadPlanOptions {
  teamId?: string | null;
}

/** The stored columns an import may change on an existing lead (normalised values, E.164 beside the phone). */
const UPDATABLE = LEAD_INQUIRY_FIELDS;

const empty = (v: unknown) => v === null || v === undefined || v === "";

/**
 * Plans a batch of rows of a lead import: the mapping, the intake pipeline's normalise and identity
 * steps (without writing), then the import's duplicate check: a live lead with the row's email or
 * E.164 phone (per `matchOn`), or an earlier row of the file (`seen`, in the dry run only; in the run
 * the earlier row's lead exists by then). The duplicate policy turns a duplicate into an update
 * (fill empty / overwrite, fields old → new), a skip, or a create anyway.
 */
export async function planLeadRows(
  tx: DbOrTx,
  imp: repo.ImportRow,
  rows: repo.ImportDataRow[],
  seen: Map<string, number> | null,
  options: LeadPlanOptions = {},
): Promise<RowPlan[]> {
  const headerOf = new Map(Object.entries(imp.mapping).flatMap(([h, f]) => (f ? [[f, h] as const] : [])));
  const mapped = rows.map((row) => mapRow(imp.columns, row.cells, imp.mapping, imp.valueMapping));
  // Planned per source (a file has one or a few): an open lead of the same source is the row's to join.
  const planned: (PlannedIntake | undefined)[] = [];
  for (const [source, at] of groupBy(mapped.map((m) => m.source ?? "import"))) {
    const group = await planIntakeBatch(
      tx,
      "import",
      at.map((i) => mapped[i]?.input ?? {}),
      { source, teamId: options.teamId },
    );
    group.forEach((p, j) => {
      const i = at[j];
      if (i !== undefined) planned[i] = p;
    });
  }
  const custom = await customCellContext(tx, "lead", imp.mapping);
  const cellOptions = {
    locale: imp.locale === "en" ? ("en" as const) : ("de" as const),
    machineNumbers: imp.format === "xlsx",
    valueMapping: imp.valueMapping,
  };
  const customCells = rows.map((row) =>
    custom ? readCustomCells(mappedCells(imp.columns, row.cells, imp.mapping), custom, cellOptions) : null,
  );
  const matchEmail = imp.matchOn.includes("email");
  const matchPhone = imp.matchOn.includes("phone");
  const matchExternal = imp.matchOn.includes("externalId");
  const emails = new Set<string>();
  const phones = new Set<string>();
  const externalIds = new Set<string>();
  planned.forEach((p, i) => {
    if (p?.kind !== "planned") return;
    if (matchEmail && p.row.email) emails.add(p.row.email);
    if (matchPhone) for (const phone of [p.row.phoneE164, p.row.mobileE164]) if (phone) phones.add(phone);
    const externalId = mapped[i]?.externalId;
    if (matchExternal && externalId) externalIds.add(externalId);
  });
  const existing = await repo.leadsMatching(tx, [...emails], [...phones], [...externalIds]);
  const byKey = new Map<string, string>();
  for (const lead of existing) {
    if (lead.externalId) byKey.set(`externalId:${lead.externalId}`, lead.id);
    if (lead.email) byKey.set(`email:${lead.email.toLowerCase()}`, lead.id);
    if (lead.phoneNormalized) byKey.set(`phone:${lead.phoneNormalized}`, lead.id);
    if (lead.mobileNormalized) byKey.set(`phone:${lead.mobileNormalized}`, lead.id);
  }
  const policy = imp.duplicatePolicy;
  const matched = new Map<number, { leadId: string; key: string }>();
  const inFile = new Map<number, { rowNo: number; key: string }>();
  planned.forEach((p, i) => {
    if (p?.kind !== "planned") return;
    const externalId = mapped[i]?.externalId;
    const keys = [
      ...(matchExternal && externalId ? [`externalId:${externalId}`] : []),
      ...(matchEmail && p.row.email ? [`email:${p.row.email}`] : []),
      ...(matchPhone ? [p.row.phoneE164, p.row.mobileE164].flatMap((x) => (x ? [`phone:${x}`] : [])) : []),
    ];
    const hit = keys.find((k) => byKey.has(k));
    const leadId = hit ? byKey.get(hit) : undefined;
    if (hit && leadId) matched.set(i, { leadId, key: hit.split(":")[0] ?? hit });
    else if (seen) {
      const earlier = keys.find((k) => seen.has(k));
      const rowNo = earlier ? seen.get(earlier) : undefined;
      if (earlier && rowNo !== undefined) inFile.set(i, { rowNo, key: earlier.split(":")[0] ?? earlier });
      else for (const k of keys) seen.set(k, rows[i]?.rowNo ?? 0);
    }
  });
  const leadRows = new Map(
    (await repo.leadsByIds(tx, [...new Set([...matched.values()].map((m) => m.leadId))])).map((l) => [
      l.id,
      l,
    ]),
  );

  return rows.map((row, i): RowPlan => {
    const m = mapped[i];
    const p = planned[i];
    const base = {
      rowNo: row.rowNo,
      input: m?.input ?? null,
      source: m?.source ?? null,
      externalId: m?.externalId ?? null,
      customFields: customCells[i]?.values ?? null,
      leadId: null,
      changes: null,
      intake: p?.kind === "planned" ? p : null,
    };
    const mappingErrors = [...(m?.errors ?? []), ...(customCells[i]?.errors ?? [])].map((e) => ({
      column: headerOf.get(e.field) ?? e.field,
      field: e.field,
      code: e.code,
    }));
    if (!p || p.kind === "rejected" || mappingErrors.length) {
      const errors = [
        ...mappingErrors,
        ...(p?.kind === "rejected" ? p.errors : []).map((e) => ({
          column: headerOf.get(e.path) ?? e.path,
          field: e.path,
          code: e.code,
        })),
      ];
      return { ...base, outcome: "error", detail: { errors } };
    }
    const match = matched.get(i);
    const twin = inFile.get(i);
    if (match && policy !== "create") {
      const lead = leadRows.get(match.leadId);
      const changes = lead
        ? {
            ...changesFor(lead, p.row.values, policy),
            ...customChanges(lead.customFields as Record<string, unknown>, base.customFields, policy),
          }
        : {};
      const duplicate = { duplicateOf: { kind: "lead", id: match.leadId, key: match.key } };
      if (policy !== "skip" && Object.keys(changes).length > 0)
        return {
          ...base,
          outcome: "update",
          detail: { ...duplicate, changes },
          leadId: match.leadId,
          changes,
        };
      return { ...base, outcome: "duplicate", detail: duplicate };
    }
    if (twin && policy !== "create")
      return {
        ...base,
        outcome: "duplicate",
        detail: { duplicateOf: { kind: "row", rowNo: twin.rowNo, key: twin.key } },
      };
    if (p.plan.kind === "create" && p.plan.contactId)
      return {
        ...base,
        outcome: "linked",
        detail: { contactId: p.plan.contactId, companyId: p.plan.companyId },
      };
    return {
      ...base,
      outcome: "create",
      detail: p.plan.kind === "create" && p.plan.companyId ? { companyId: p.plan.companyId } : null,
    };
  });
}

function changesFor(lead: LeadRow, values: Record<string, string | null>, policy: string) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of UPDATABLE) {
    const next = values[field];
    if (empty(next)) continue;
    const current = lead[field];
    if (policy === "fill_empty" ? empty(current) : current !== next)
      changes[field] = { from: current ?? null, to: next };
  }
  return changes;
}

export interface AppliedBatch {
  outcomes: {
    rowNo: number;
    outcome: ImportOutcome;
    detail: Record<string, unknown> | null;
    recordId: string | null;
  }[];
  live: LiveMessage[];
}

/** Indexes of `keys` grouped by key, in order of first appearance. */
function groupBy<K>(keys: readonly K[]): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  keys.forEach((key, i) => {
    const group = groups.get(key);
    if (group) group.push(i);
    else groups.set(key, [i]);
  });
  return groups;
}

/**
 * Writes a planned batch inside the caller's transaction, set-based (issue #17: a batch of thousands
 * costs a fixed number of statements): new leads through the one intake pipeline as `planLeadRows`
 * planned them (grouped by source, so each lead keeps its row's), their external ids in one UPDATE
 * and their custom values in another,
 * updates of duplicates in one UPDATE … FROM per round with their audit rows in multi-row INSERTs
 * (old values kept in the row's detail for the undo), everything else as its outcome.
 */
export async function applyLeadBatch(
  tx: DbOrTx,
  imp: repo.ImportRow,
  plans: RowPlan[],
  options: LeadPlanOptions = {},
): Promise<AppliedBatch> {
  const ctx = { actor: { id: imp.createdBy }, requestId: `import:${imp.id}` };
  const outcomes: AppliedBatch["outcomes"] = [];
  const live: LiveMessage[] = [];
  const creates = plans.filter((p) => (p.outcome === "create" || p.outcome === "linked") && p.intake);
  const externalIds: { id: string; externalId: string }[] = [];
  const customValues: { id: string; customFields: Record<string, unknown> }[] = [];
  for (const [source, at] of groupBy(creates.map((p) => p.source ?? "import"))) {
    const group = at.flatMap((i) => creates[i] ?? []);
    const result = await recordIntakeBatch(
      tx,
      ctx,
      "import",
      subsetPlans(group.flatMap((p) => p.intake ?? [])),
      { source, sourceDetail: imp.fileName.slice(0, 200), teamId: options.teamId },
    );
    live.push(...result.live);
    for (const decision of result.decisions) {
      const p = group[decision.index];
      if (!p) continue;
      const outcome: ImportOutcome =
        decision.decision === "rejected"
          ? "error"
          : decision.decision === "added"
            ? "duplicate"
            : decision.decision === "linked"
              ? "linked"
              : "create";
      if (p.externalId && decision.leadId && (outcome === "create" || outcome === "linked"))
        externalIds.push({ id: decision.leadId, externalId: p.externalId });
      if (p.customFields && decision.leadId && (outcome === "create" || outcome === "linked"))
        customValues.push({ id: decision.leadId, customFields: p.customFields });
      outcomes.push({
        rowNo: p.rowNo,
        outcome,
        detail: decision.errors.length ? { errors: decision.errors } : p.detail,
        recordId: decision.leadId,
      });
    }
  }
  await repo.setLeadExternalIds(tx, externalIds);
  await setLeadCustomFields(tx, customValues);
  outcomes.push(...(await updateDuplicates(tx, ctx, plans)));
  for (const p of plans) {
    if (p.outcome === "create" || p.outcome === "linked" || p.outcome === "update") continue;
    outcomes.push({
      rowNo: p.rowNo,
      outcome: p.outcome === "duplicate" ? "skipped" : p.outcome,
      detail: p.detail,
      recordId: null,
    });
  }
  return { outcomes, live };
}

/**
 * The planned rows the run creates, numbered anew as `recordIntakeBatch` wants them. A row that joins
 * an earlier row's new lead keeps that link when the earlier row is among them; else (the earlier row
 * turned out a duplicate of an existing lead) it gets a lead of its own.
 */
function subsetPlans(rows: readonly PlannedRow[]): PlannedIntake[] {
  const newIndex = new Map(rows.map((p, i) => [p.index, i]));
  return rows.map((p, i) => {
    if (p.plan.kind !== "added_in_batch") return { ...p, index: i };
    const earlier = newIndex.get(p.plan.index);
    return {
      ...p,
      index: i,
      plan:
        earlier !== undefined && earlier < i
          ? { kind: "added_in_batch", index: earlier }
          : { kind: "create", contactId: null, companyId: null },
    };
  });
}

/**
 * The batch's updates of existing leads: locked in one query, written in one UPDATE … FROM per round
 * (a lead two rows update gets the second row's change in a second round, as it would one by one),
 * each with its audit entry, all entries in multi-row INSERTs.
 */
async function updateDuplicates(
  tx: DbOrTx,
  ctx: { actor: { id: string }; requestId: string },
  plans: RowPlan[],
): Promise<AppliedBatch["outcomes"]> {
  const outcomes: AppliedBatch["outcomes"] = [];
  const updates = plans.filter((p) => p.outcome === "update" && p.leadId && p.changes);
  const locked = new Map(
    (await repo.leadsByIds(tx, [...new Set(updates.flatMap((p) => (p.leadId ? [p.leadId] : [])))], true)).map(
      (l) => [l.id, l],
    ),
  );
  let pending = updates;
  while (pending.length > 0) {
    const round: { plan: RowPlan; before: LeadRow; values: Partial<typeof leads.$inferInsert> }[] = [];
    const later: RowPlan[] = [];
    const inRound = new Set<string>();
    for (const p of pending) {
      const before = p.leadId ? locked.get(p.leadId) : undefined;
      if (!before || !p.changes) {
        outcomes.push({ rowNo: p.rowNo, outcome: "skipped", detail: p.detail, recordId: null });
        continue;
      }
      if (inRound.has(before.id)) {
        later.push(p);
        continue;
      }
      inRound.add(before.id);
      const values: Record<string, unknown> = {};
      for (const [field, change] of Object.entries(p.changes))
        if (!isCustomTarget(field)) values[field] = change.to;
      const customFields = customFieldsAfter(before.customFields as Record<string, unknown>, p.changes, "to");
      if (customFields) values.customFields = customFields;
      const row = p.intake?.row;
      if (row && "phone" in p.changes) values.phoneNormalized = row.phoneE164;
      if (row && "mobile" in p.changes) values.mobileNormalized = row.mobileE164;
      round.push({ plan: p, before, values: values as Partial<typeof leads.$inferInsert> });
    }
    const after = new Map(
      (
        await updateRecordRows(
          tx,
          leads,
          round.map((r) => ({ current: r.before, values: r.values })),
        )
      ).map((l) => [l.id, l]),
    );
    const entries: ReturnType<typeof auditEntry>[] = [];
    for (const { plan: p, before } of round) {
      const lead = after.get(before.id);
      if (!lead) throw new Error("a locked lead was not updated");
      locked.set(lead.id, lead);
      const changes = fieldChanges(before, lead, LEAD_AUDITED_FIELDS);
      if (Object.keys(changes).length > 0) entries.push(auditEntry(ctx, "lead.updated", lead, changes));
      outcomes.push({
        rowNo: p.rowNo,
        outcome: "update",
        detail: { ...p.detail, changes: p.changes, version: lead.version },
        recordId: lead.id,
      });
    }
    await auditMany(tx, entries);
    pending = later;
  }
  return outcomes;
}
