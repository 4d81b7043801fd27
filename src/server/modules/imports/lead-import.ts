import type { IntakeInput } from "@domain/intake/intake-types";
import { LEAD_AUDITED_FIELDS, LEAD_INQUIRY_FIELDS } from "@domain/leads/lead-fields";
import type { LeadSource } from "@domain/leads/lead-source";
import type { DbOrTx } from "@server/db/client";
import { updateRecordRow } from "@server/db/record-update";
import { leads, users } from "@server/db/schema";
import type { LiveMessage } from "@server/live/live-message";
import { auditUpdate } from "@server/modules/audit/audit";
import { intakeBatch, planIntakeBatch } from "@server/modules/intake/intake.service";
import type { ImportOutcome } from "@shared/schemas/import";
import { eq } from "drizzle-orm";
import * as repo from "./import.repository";
import { customCellContext, readCustomCells, setLeadCustomFields } from "./import-custom-fields";
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
): Promise<RowPlan[]> {
  const headerOf = new Map(Object.entries(imp.mapping).flatMap(([h, f]) => (f ? [[f, h] as const] : [])));
  const mapped = rows.map((row) => mapRow(imp.columns, row.cells, imp.mapping, imp.valueMapping));
  const custom = await customCellContext(tx, "lead", imp.mapping);
  const options = {
    locale: imp.locale === "en" ? ("en" as const) : ("de" as const),
    machineNumbers: imp.format === "xlsx",
    valueMapping: imp.valueMapping,
  };
  const customCells = rows.map((row) =>
    custom ? readCustomCells(mappedCells(imp.columns, row.cells, imp.mapping), custom, options) : null,
  );
  const planned = await planIntakeBatch(
    tx,
    "import",
    mapped.map((m) => m.input),
    { source: "import" },
  );
  const matchEmail = imp.matchOn.includes("email");
  const matchPhone = imp.matchOn.includes("phone");
  const matchExternal = imp.matchOn.includes("externalId");
  const emails = new Set<string>();
  const phones = new Set<string>();
  const externalIds = new Set<string>();
  planned.forEach((p, i) => {
    if (p.kind !== "planned") return;
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
    if (p.kind !== "planned") return;
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
      const changes = lead ? changesFor(lead, p.row.values, policy) : {};
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

/**
 * Writes a planned batch inside the caller's transaction: new leads through the one intake pipeline
 * (grouped by source, so each lead keeps its row's), updates of duplicates field by field with an
 * audit row (old values kept in the row's detail for the undo), everything else as its outcome.
 */
export async function applyLeadBatch(
  tx: DbOrTx,
  imp: repo.ImportRow,
  plans: RowPlan[],
): Promise<AppliedBatch> {
  const ctx = { actor: { id: imp.createdBy }, requestId: `import:${imp.id}` };
  const outcomes: AppliedBatch["outcomes"] = [];
  const live: LiveMessage[] = [];
  const creates = plans.filter((p) => p.outcome === "create" || p.outcome === "linked");
  // The importer's team is the channel's team (as a form's is), so the new leads are theirs to see.
  const [creator] = await tx.select({ teamId: users.teamId }).from(users).where(eq(users.id, imp.createdBy));
  const bySource = new Map<LeadSource, RowPlan[]>();
  for (const p of creates) {
    const source = p.source ?? "import";
    bySource.set(source, [...(bySource.get(source) ?? []), p]);
  }
  for (const [source, group] of bySource) {
    const result = await intakeBatch(
      tx,
      ctx,
      "import",
      group.map((p) => p.input ?? {}),
      { source, sourceDetail: imp.fileName.slice(0, 200), teamId: creator?.teamId ?? null },
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
        await repo.setLeadExternalId(tx, decision.leadId, p.externalId);
      if (p.customFields && decision.leadId && (outcome === "create" || outcome === "linked"))
        await setLeadCustomFields(tx, decision.leadId, p.customFields);
      outcomes.push({
        rowNo: p.rowNo,
        outcome,
        detail: decision.errors.length ? { errors: decision.errors } : p.detail,
        recordId: decision.leadId,
      });
    }
  }
  const updates = plans.filter((p) => p.outcome === "update" && p.leadId && p.changes);
  const locked = new Map(
    (
      await repo.leadsByIds(
        tx,
        updates.flatMap((p) => (p.leadId ? [p.leadId] : [])),
        true,
      )
    ).map((l) => [l.id, l]),
  );
  for (const p of updates) {
    const before = p.leadId ? locked.get(p.leadId) : undefined;
    if (!before || !p.changes) {
      outcomes.push({ rowNo: p.rowNo, outcome: "skipped", detail: p.detail, recordId: null });
      continue;
    }
    const values: Partial<typeof leads.$inferInsert> = {};
    for (const [field, change] of Object.entries(p.changes))
      (values as Record<string, unknown>)[field] = change.to;
    if ("phone" in p.changes || "mobile" in p.changes) {
      const planned = await planIntakeBatch(tx, "import", [p.input ?? {}], { source: "import" });
      const row = planned[0]?.kind === "planned" ? planned[0].row : null;
      if (row && "phone" in p.changes) values.phoneNormalized = row.phoneE164;
      if (row && "mobile" in p.changes) values.mobileNormalized = row.mobileE164;
    }
    const after = await updateRecordRow(tx, leads, before.id, values);
    await auditUpdate(tx, ctx, "lead.updated", before, after, LEAD_AUDITED_FIELDS);
    outcomes.push({
      rowNo: p.rowNo,
      outcome: "update",
      detail: { ...p.detail, changes: p.changes, version: after.version },
      recordId: after.id,
    });
  }
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
