import type { DbOrTx } from "@server/db/client";
import { insertShape, prepared } from "@server/db/prepared";
import { auditLog } from "@server/db/schema";
import { sql } from "drizzle-orm";

/**
 * The entity an action's entries belong to, by the action's prefix: `lead.updated` is a lead's,
 * `auth.login` and `setup.first_admin` a user's, `settings.*` the one settings record's.
 * Timelines find a record's history by this type and id.
 */
const ENTITY_OF_ACTION = {
  lead: "lead",
  contact: "contact",
  company: "company",
  deal: "deal",
  activity: "activity",
  pipeline: "pipeline",
  team: "team",
  user: "user",
  auth: "user",
  setup: "user",
  token: "api_token",
  settings: "settings",
  product: "product",
  quote: "quote",
  invoice: "invoice",
  form: "web_form",
  custom_field: "custom_field",
} as const;

export type AuditAction = `${keyof typeof ENTITY_OF_ACTION}.${string}`;
export type AuditEntity = (typeof ENTITY_OF_ACTION)[keyof typeof ENTITY_OF_ACTION];

/** Who acts and in which request: a ServiceContext, or the user of a login that has none yet. */
export interface AuditContext {
  /** null: the system itself (an inbound mail, a public form). */
  actor: { id: string } | null;
  requestId?: string | null | undefined;
}

/**
 * The record an entry is about (a row or `{ id }`); `entity` only where the action names another
 * kind of record (`lead.converted` is also written to the contact, company and deal it made).
 * null for the settings, which are one record without an id.
 */
export type AuditRecord = { id: string; entity?: AuditEntity } | null;

export type AuditChanges = Record<string, unknown>;

/**
 * Records `action` on `record` in the audit log. Call it with the transaction of the change it
 * records, so neither survives without the other. Timelines read `action` and `changes`: their
 * names and shapes are part of the history already written.
 */
export async function audit(
  db: DbOrTx,
  ctx: AuditContext,
  action: AuditAction,
  record: AuditRecord,
  changes?: AuditChanges | null,
): Promise<void> {
  // Prepared (db/prepared.ts): every audited write sends it.
  const entry = auditEntry(ctx, action, record, changes);
  const shape = insertShape(entry);
  if (!shape) return void (await db.insert(auditLog).values(entry));
  await prepared(db, `audit_insert:${shape.key}`, (d, name) =>
    d.insert(auditLog).values(shape.placeholders).prepare(name),
  ).execute(shape.values);
}

/** The row `audit` writes, for writers that insert many entries in one statement (`auditMany`). */
export function auditEntry(
  ctx: AuditContext,
  action: AuditAction,
  record: AuditRecord,
  changes?: AuditChanges | null,
): typeof auditLog.$inferInsert {
  const prefix = action.slice(0, action.indexOf(".")) as keyof typeof ENTITY_OF_ACTION;
  return {
    actorId: ctx.actor?.id ?? null,
    action,
    entityType: record?.entity ?? ENTITY_OF_ACTION[prefix],
    entityId: record?.id ?? null,
    changes: changes ?? null,
    requestId: ctx.requestId ?? null,
  };
}

/**
 * Many entries in multi-row INSERTs (a batch of 1,000 records writes its history in a few statements,
 * not one per record); 500 rows a statement stay far below PostgreSQL's 65,535 parameters.
 */
export async function auditMany(db: DbOrTx, entries: (typeof auditLog.$inferInsert)[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) await db.insert(auditLog).values(entries.slice(i, i + 500));
}

/** `{ field: { from, to } }` for each listed field whose value differs (compared as JSON). */
export function fieldChanges<T extends object>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
): Record<string, { from: unknown; to: unknown }> {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of fields) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key]))
      changes[key] = { from: before[key], to: after[key] };
  }
  return changes;
}

/**
 * An update's entry: the listed fields that changed between `before` and `after` (the entity's
 * audited field list in `src/domain`), plus `more` changes the caller diffed itself (a deal's
 * contacts). Nothing is written when nothing changed.
 */
export async function auditUpdate<T extends object>(
  db: DbOrTx,
  ctx: AuditContext,
  action: AuditAction,
  before: T,
  after: T & { id: string },
  fields: readonly (keyof T & string)[],
  more: AuditChanges = {},
): Promise<void> {
  const changes = { ...fieldChanges(before, after, fields), ...more };
  if (Object.keys(changes).length > 0) await audit(db, ctx, action, after, changes);
}

/**
 * GDPR erasure's one way to change history: overwrites the values of `fields` (every field when
 * omitted) in the changes of every entry about one record with "[erased]", through the database
 * function `audit_redact` (the append-only trigger refuses any other UPDATE). Who, when, which
 * action and which record stay. Call it in the erasure's transaction; answers the entries changed.
 */
export async function redactAudit(
  tx: DbOrTx,
  entity: AuditEntity,
  id: string,
  fields?: readonly string[],
): Promise<number> {
  const list = fields
    ? sql`array[${sql.join(
        fields.map((f) => sql`${f}`),
        sql`, `,
      )}]::text[]`
    : sql`null`;
  const result = await tx.execute(sql`select audit_redact(${entity}, ${id}, ${list}) as n`);
  const [row] = (result as unknown as { rows: { n: number | string }[] }).rows;
  return Number(row?.n ?? 0);
}
