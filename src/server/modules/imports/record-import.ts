import type { ServiceContext } from "@server/context";
import type { DbOrTx, Tx } from "@server/db/client";
import { isExternalIdTaken } from "@server/db/errors";
import { RECORD_TABLES } from "@server/db/record-update";
import { AppError } from "@server/errors";
import type { LiveMessage } from "@server/live/live-message";
import { softDelete } from "@server/modules/audit/soft-delete";
import { messageCodeOf } from "@shared/message-codes";
import type { ImportOutcome, LinkPolicy, MatchKey } from "@shared/schemas/import";
import { inArray } from "drizzle-orm";
import type { z } from "zod";
import type * as repo from "./import.repository";
import { changeBody, customCellContext, customChanges, readCustomCells } from "./import-custom-fields";
import { mappedCells } from "./import-mapping";
import { findLinks, type LinkRef, linkKey } from "./record-links";

/** A cell the row could not use: the column (named by the caller), the field and why. */
export interface CellError {
  field: string;
  code: string;
  params?: Record<string, string>;
}

/** One row of the file read into a record's values, in the create body's terms. */
export interface ReadRow {
  /** Field → value as the create and change bodies take it (only the fields the row fills). */
  values: Record<string, unknown>;
  /** The row's duplicate keys in their compared form ("email" → lower-cased address …). */
  keys: { key: MatchKey; value: string }[];
  /** The company or contact the row names (deals, contacts). */
  links: LinkRef[];
  errors: CellError[];
}

export type RecordEntity = "contact" | "company" | "deal";

/**
 * What one entity lends the import (issue #17): how a row reads, which live and visible records it
 * duplicates, the record's current values in the same terms, and its create and change steps (the
 * services a form uses, so the permission gate, rules and audit apply to every row).
 */
export interface RecordImportSpec {
  entity: RecordEntity;
  fields: readonly string[];
  /** Per choice field its codes and how the UI words them (the value mapping's targets). */
  choices: Record<string, readonly string[]>;
  /** Fields a duplicate may change (fill empty or overwrite); the others are set only on a new record. */
  updatable: readonly string[];
  /** The create and change bodies of the entity's POST and PATCH: every row is checked as a form is. */
  createBody: z.ZodType;
  updateBody: z.ZodType;
  /** The import field a body's issue path names ("emails.0.value" → email). */
  fieldOfPath?: (path: string) => string;
  read(cells: Record<string, string>, options: ReadOptions): ReadRow;
  /** Live records the actor sees with any of the keys: each with the keys it has. */
  match(
    db: DbOrTx,
    ctx: ServiceContext,
    keys: Map<MatchKey, string[]>,
  ): Promise<{ id: string; keys: string[] }[]>;
  /** The records' updatable fields in the read form and their `customFields`. */
  current(db: DbOrTx, ids: string[]): Promise<Map<string, Record<string, unknown>>>;
  create(
    ctx: ServiceContext,
    tx: Tx,
    values: Record<string, unknown>,
  ): Promise<{ id: string; live: LiveMessage[] }>;
  /** Changes fields of a record; `current` is its state as `current()` read it (to rebuild lists). */
  update(
    ctx: ServiceContext,
    tx: Tx,
    id: string,
    values: Record<string, unknown>,
    current: Record<string, unknown>,
  ): Promise<{ live: LiveMessage[] }>;
}

export interface ReadOptions {
  locale: "de" | "en";
  /** An XLSX holds numbers as numbers: their text is in machine form whatever the locale. */
  machineNumbers: boolean;
  valueMapping: Readonly<Record<string, Record<string, string>>>;
}

export interface RecordPlan {
  rowNo: number;
  outcome: ImportOutcome;
  detail: Record<string, unknown> | null;
  values: Record<string, unknown>;
  recordId: string | null;
  changes: Record<string, { from: unknown; to: unknown }> | null;
  /** The row's links: found (id) or to be created (the import's policy). */
  links: (LinkRef & { id: string | null })[];
}

const empty = (v: unknown) => v === null || v === undefined || v === "";
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Plans a batch of rows of a contact, company or deal import: reads each row (numbers and days in the
 * file's locale, choices through the value mapping), finds its links and duplicates (by the keys of
 * `matchOn`, among the records the importer sees; `seen` finds a duplicate earlier in the file), and
 * turns a duplicate into an update (fields old → new), a skip or a create per the policy.
 */
export async function planRecordRows(
  db: DbOrTx,
  ctx: ServiceContext,
  spec: RecordImportSpec,
  imp: repo.ImportRow,
  rows: repo.ImportDataRow[],
  seen: Map<string, number>,
): Promise<RecordPlan[]> {
  const headerOf = new Map(Object.entries(imp.mapping).flatMap(([h, f]) => (f ? [[f, h] as const] : [])));
  const options: ReadOptions = {
    locale: imp.locale === "en" ? "en" : "de",
    machineNumbers: imp.format === "xlsx",
    valueMapping: imp.valueMapping,
  };
  const custom = await customCellContext(db, spec.entity, imp.mapping);
  const read = rows.map((row) => {
    const cells = mappedCells(imp.columns, row.cells, imp.mapping);
    const r = spec.read(cells, options);
    if (!custom) return r;
    const customCells = readCustomCells(cells, custom, options);
    const values = customCells.values ? { ...r.values, customFields: customCells.values } : r.values;
    return { ...r, values, errors: [...r.errors, ...customCells.errors] };
  });
  const matchOn = new Set(imp.matchOn);
  const wanted = new Map<MatchKey, string[]>();
  for (const r of read)
    for (const k of r.keys)
      if (matchOn.has(k.key)) wanted.set(k.key, [...(wanted.get(k.key) ?? []), k.value]);
  const byKey = new Map<string, string>();
  for (const found of await spec.match(db, ctx, wanted)) for (const k of found.keys) byKey.set(k, found.id);
  const links = await findLinks(
    db,
    ctx,
    read.flatMap((r) => r.links),
  );
  const policy = imp.duplicatePolicy;
  const linkPolicy = imp.linkPolicy as LinkPolicy;

  const keysOf = (r: ReadRow) => r.keys.filter((k) => matchOn.has(k.key)).map((k) => `${k.key}:${k.value}`);
  const matches = read.map((r) => {
    const hit = keysOf(r).find((k) => byKey.has(k));
    return hit ? { id: byKey.get(hit) ?? "", key: hit.split(":")[0] ?? hit } : null;
  });
  const currents = await spec.current(db, [...new Set(matches.flatMap((m) => (m ? [m.id] : [])))]);

  return rows.map((row, i): RecordPlan => {
    const r = read[i] as ReadRow;
    const base = { rowNo: row.rowNo, values: r.values, recordId: null, changes: null, links: [] };
    const column = (f: string) => headerOf.get(f) ?? f;
    const errors = r.errors.map((e) => ({ column: column(e.field), ...e }));
    const resolved = r.links.map((l) => ({ ...l, id: links.get(linkKey(l)) ?? null }));
    for (const l of resolved)
      if (!l.id && (linkPolicy === "find" || !l.creatable))
        errors.push({ column: column(l.field), field: l.field, code: "import_link_not_found" });
    if (errors.length) return { ...base, outcome: "error", detail: { errors } };
    const newLinks = resolved.filter((l) => !l.id).map((l) => ({ entity: l.entity, name: l.label }));
    const linkDetail = newLinks.length ? { newLinks } : {};
    const match = matches[i];
    const updating = Boolean(match) && policy !== "create";
    const checked = (updating ? spec.updateBody : spec.createBody).safeParse(r.values);
    if (!checked.success) {
      const issues = checked.error.issues.map((issue) => {
        const path = issue.path.map(String).join(".");
        const f = path.startsWith("customFields.")
          ? `cf.${path.slice(13)}`
          : (spec.fieldOfPath?.(path) ?? String(issue.path[0] ?? ""));
        return { column: column(f), field: f, code: messageCodeOf(issue.message)?.code ?? "invalid" };
      });
      return { ...base, outcome: "error", detail: { errors: issues } };
    }
    const values = checked.data as Record<string, unknown>;
    if (match && updating) {
      const current = currents.get(match.id) ?? {};
      const changes = changesFor(spec, current, { ...values, ...linkValues(resolved) }, policy);
      const duplicate = { duplicateOf: { kind: spec.entity, id: match.id, key: match.key } };
      if (policy !== "skip" && Object.keys(changes).length > 0)
        return {
          ...base,
          values,
          links: resolved,
          outcome: "update",
          detail: { ...duplicate, changes, ...linkDetail },
          recordId: match.id,
          changes,
        };
      return { ...base, outcome: "duplicate", detail: duplicate };
    }
    const keys = keysOf(r);
    const earlier = keys.find((k) => seen.has(k));
    const earlierRow = earlier ? seen.get(earlier) : undefined;
    if (earlier && earlierRow !== undefined && policy !== "create")
      return {
        ...base,
        outcome: "duplicate",
        detail: { duplicateOf: { kind: "row", rowNo: earlierRow, key: earlier.split(":")[0] ?? earlier } },
      };
    for (const k of keys) if (!seen.has(k)) seen.set(k, row.rowNo);
    const found = resolved.filter((l) => l.id).map((l) => ({ entity: l.entity, id: l.id }));
    return {
      ...base,
      values,
      links: resolved,
      outcome: "create",
      detail: found.length || newLinks.length ? { links: found, ...linkDetail } : null,
    };
  });
}

/** The fields the row would change on a duplicate: only empty ones (fill_empty) or every differing one. */
function changesFor(
  spec: RecordImportSpec,
  current: Record<string, unknown>,
  values: Record<string, unknown>,
  policy: string,
) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of spec.updatable) {
    const next = values[field];
    if (empty(next)) continue;
    const now = current[field];
    if (policy === "fill_empty" ? empty(now) : !same(now, next))
      changes[field] = { from: now ?? null, to: next };
  }
  return {
    ...changes,
    ...customChanges(
      current.customFields as Record<string, unknown> | null,
      values.customFields as Record<string, unknown> | undefined,
      policy,
    ),
  };
}

/** The found links as the body's fields: a deal's companyId and contacts, a contact's companyId. */
function linkValues(links: readonly (LinkRef & { id: string | null })[]): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const l of links) {
    if (!l.id) continue;
    if (l.entity === "company") values.companyId = l.id;
    else values.contacts = [{ contactId: l.id }];
  }
  return values;
}

export interface AppliedRows {
  outcomes: {
    rowNo: number;
    outcome: ImportOutcome;
    detail: Record<string, unknown> | null;
    recordId: string | null;
  }[];
  live: LiveMessage[];
}

/**
 * Writes a planned batch in the caller's transaction, each row in a savepoint of its own: a row the
 * service refuses (a field, a right, an external id taken meanwhile) becomes an error row and the
 * others go in. A company or contact the policy creates is made once per batch and named in the
 * row, so the undo removes it with the row's record.
 */
export async function applyRecordRows(
  tx: Tx,
  ctx: ServiceContext,
  spec: RecordImportSpec,
  plans: RecordPlan[],
  createLink: (ctx: ServiceContext, tx: Tx, link: LinkRef) => Promise<string>,
): Promise<AppliedRows> {
  const outcomes: AppliedRows["outcomes"] = [];
  const live: LiveMessage[] = [];
  const madeLinks = new Map<string, string>();
  for (const p of plans) {
    if (p.outcome !== "create" && p.outcome !== "update") {
      outcomes.push({
        rowNo: p.rowNo,
        outcome: p.outcome === "duplicate" ? "skipped" : p.outcome,
        detail: p.detail,
        recordId: null,
      });
      continue;
    }
    try {
      const done = await tx.transaction(async (sp) => {
        const created: { entity: string; id: string }[] = [];
        const links = [];
        for (const l of p.links) {
          const key = linkKey(l);
          let id = l.id ?? madeLinks.get(key) ?? null;
          if (!id) {
            id = await createLink(ctx, sp, l);
            created.push({ entity: l.entity, id });
          }
          links.push({ ...l, id });
        }
        const values = { ...p.values, ...linkValues(links) };
        if (p.outcome === "create") {
          const made = await spec.create(ctx, sp, values);
          return { id: made.id, live: made.live, created, changes: null };
        }
        const id = p.recordId ?? "";
        const [current] = [...(await spec.current(sp, [id])).values()];
        const changes = Object.fromEntries(
          Object.entries(p.changes ?? {}).map(([f, c]) => [
            f,
            { from: fieldOf(current, f) ?? c.from, to: values[f] ?? c.to },
          ]),
        );
        const changed = await spec.update(ctx, sp, id, changeBody(changes, "to"), current ?? {});
        return { id, live: changed.live, created, changes };
      });
      for (const c of done.created) {
        const l = p.links.find((x) => x.entity === c.entity && !x.id);
        if (l) madeLinks.set(linkKey(l), c.id);
      }
      live.push(...done.live);
      const version = await versionOf(tx, spec.entity, done.id);
      outcomes.push({
        rowNo: p.rowNo,
        outcome: p.outcome,
        detail: {
          ...p.detail,
          ...(done.changes && { changes: done.changes }),
          ...(done.created.length && { createdLinks: done.created }),
          version,
        },
        recordId: done.id,
      });
    } catch (error) {
      const errors = rowErrors(error);
      if (!errors) throw error;
      outcomes.push({ rowNo: p.rowNo, outcome: "error", detail: { errors }, recordId: null });
    }
  }
  return { outcomes, live };
}

/** A field of a record as `current()` read it; `cf.<key>` is the key's custom value. */
function fieldOf(current: Record<string, unknown> | undefined, field: string): unknown {
  if (!field.startsWith("cf.")) return current?.[field];
  return (current?.customFields as Record<string, unknown> | null | undefined)?.[field.slice(3)];
}

async function versionOf(db: DbOrTx, entity: RecordEntity, id: string): Promise<number> {
  const table = RECORD_TABLES[entity];
  const [row] = await db
    .select({ version: table.version })
    .from(table)
    .where(inArray(table.id, [id]));
  return row?.version ?? 1;
}

/** A service's refusal of a row as the row's errors (field, code); anything else is not the row's fault. */
function rowErrors(error: unknown): { column: string; field: string; code: string }[] | null {
  if (isExternalIdTaken(error))
    return [{ column: "externalId", field: "externalId", code: "external_id_taken" }];
  if (!(error instanceof AppError)) return null;
  if (error.errors?.length)
    return error.errors.map((e) => ({
      column: e.path.startsWith("customFields.") ? `cf.${e.path.slice(13)}` : e.path,
      field: e.path.startsWith("customFields.") ? `cf.${e.path.slice(13)}` : e.path,
      code: e.code ?? messageCodeOf(e.message)?.code ?? "invalid",
    }));
  return [{ column: "", field: "", code: error.detail.code ?? "invalid" }];
}

/**
 * Undoes one row of a contact, company or deal import: the record it created is soft-deleted (with
 * the company or contact it created for it), the fields it changed get their old values back through
 * the change step; a record changed since (another version than the import left) is left alone.
 */
export async function undoRecordRow(
  tx: Tx,
  ctx: ServiceContext,
  spec: RecordImportSpec,
  row: repo.ImportDataRow,
): Promise<{ undo: "removed" | "restored" | "changed_since" | "gone"; live: LiveMessage[] }> {
  const detail = row.detail ?? {};
  const id = row.recordId;
  if (!id) return { undo: "gone", live: [] };
  const table = RECORD_TABLES[spec.entity];
  const [now] = await tx
    .select({ version: table.version, deletedAt: table.deletedAt })
    .from(table)
    .where(inArray(table.id, [id]))
    .for("update");
  if (!now || now.deletedAt) return { undo: "gone", live: [] };
  if (now.version !== Number(detail.version)) return { undo: "changed_since", live: [] };
  if (row.outcome === "update") {
    const changes = (detail.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
    const [current] = [...(await spec.current(tx, [id])).values()];
    const changed = await spec.update(ctx, tx, id, changeBody(changes, "from"), current ?? {});
    return { undo: "restored", live: changed.live };
  }
  await softDelete(tx, ctx, spec.entity, id);
  await releaseExternalId(tx, spec.entity, id);
  for (const link of (detail.createdLinks ?? []) as { entity: "company" | "contact"; id: string }[]) {
    const linkTable = RECORD_TABLES[link.entity];
    const [made] = await tx
      .select({ version: linkTable.version, deletedAt: linkTable.deletedAt })
      .from(linkTable)
      .where(inArray(linkTable.id, [link.id]));
    if (made && !made.deletedAt && made.version === 1) {
      await softDelete(tx, ctx, link.entity, link.id);
      await releaseExternalId(tx, link.entity, link.id);
    }
  }
  return { undo: "removed", live: [] };
}

/**
 * A record the undo removed gives up the external id the import gave it, so the corrected file can
 * be imported again (the id is unique among deleted records too).
 */
export async function releaseExternalId(tx: DbOrTx, entity: RecordEntity | "lead", id: string) {
  const table = RECORD_TABLES[entity];
  await tx
    .update(table)
    .set({ externalId: null })
    .where(inArray(table.id, [id]));
}
