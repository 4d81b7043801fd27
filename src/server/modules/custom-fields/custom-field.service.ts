import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { field, invalidInput, notFound, ruleViolation, staleVersion } from "@server/errors";
import { enqueueJob } from "@server/jobs/job.repository";
import { audit, fieldChanges } from "@server/modules/audit/audit";
import { labelKey } from "@shared/custom-field-labels";
import { message } from "@shared/message-codes";
import {
  CHOICE_TYPES,
  type CreateCustomFieldInput,
  CUSTOM_FIELD_ENTITIES,
  type CustomField,
  type CustomFieldDefinition,
  type CustomFieldEntity,
  type UpdateCustomFieldInput,
} from "@shared/schemas/custom-field";
import { builtInClashes } from "./built-in-labels";
import { toCustomField, toDefinition } from "./custom-field.mapper";
import * as repo from "./custom-field.repository";

/** Every live definition by entity: what the app's cache holds (custom-field-store.ts). */
export async function readDefinitionsByEntity(
  db: ServiceContext["db"],
): Promise<Map<CustomFieldEntity, CustomFieldDefinition[]>> {
  const byEntity = new Map<CustomFieldEntity, CustomFieldDefinition[]>(
    CUSTOM_FIELD_ENTITIES.map((e) => [e, []]),
  );
  for (const row of await repo.selectDefinitions(db, {})) byEntity.get(row.entity)?.push(toDefinition(row));
  return byEntity;
}

/** Everyone reads the live definitions (forms, lists and exports show them); deleted ones are the admin's. */
export async function listCustomFields(
  ctx: ServiceContext,
  query: { entity?: CustomFieldEntity | undefined; deleted?: boolean | undefined },
) {
  if (query.deleted) authorize(ctx, "custom_field.manage");
  const rows = await repo.selectDefinitions(ctx.db, query);
  return { data: rows.map(toCustomField), nextCursor: null };
}

export async function getCustomField(ctx: ServiceContext, id: string): Promise<CustomField> {
  const row = await repo.findDefinition(ctx.db, id);
  if (!row || (row.deletedAt && ctx.actor.role !== "admin")) throw notFound("custom_field_not_found");
  return toCustomField(row);
}

const AUDITED = ["label", "options", "required", "help", "position", "filterable", "deletedAt"] as const;

export async function createCustomField(ctx: ServiceContext, input: CreateCustomFieldInput) {
  authorize(ctx, "custom_field.manage");
  refuseBuiltInLabel(input.entity, input.label);
  const row = await ctx.db.transaction(async (tx) => {
    if (await repo.keyTaken(tx, input.entity, input.key)) throw ruleViolation("cf_key_taken").at("key");
    const created = await repo.insertDefinition(tx, {
      entity: input.entity,
      key: input.key,
      type: input.type,
      label: input.label,
      options: CHOICE_TYPES.includes(input.type) ? (input.options ?? []) : [],
      required: input.required,
      help: helpOf(input.help),
      position: input.position ?? (await repo.nextPosition(tx, input.entity)),
      filterable: input.filterable,
    });
    if (created.filterable) await enqueueJob(tx, "custom-field-index");
    await audit(tx, ctx, "custom_field.created", created, {
      entity: created.entity,
      key: created.key,
      type: created.type,
    });
    return created;
  });
  await ctx.customFields?.reload();
  return toCustomField(row);
}

/**
 * A label that reads like one of the entity's own fields (a company's "Branche") is refused in the
 * language it clashes in, 400 at `label.de`/`label.en` (issue #20). `kept` is the field's label
 * before an edit: a field that clashed before the rule keeps its label (lists show it marked) until
 * that language's label is changed.
 */
function refuseBuiltInLabel(
  entity: CustomFieldEntity,
  label: { de: string; en: string },
  kept?: { de: string; en: string },
) {
  const clashes = builtInClashes(entity, label).filter(
    (locale) => !kept || labelKey(kept[locale]) !== labelKey(label[locale]),
  );
  if (clashes.length === 0) return;
  const first = clashes[0] ?? "de";
  throw invalidInput(
    message("cf_label_builtin", { label: label[first] }),
    clashes.map((locale) => field(`label.${locale}`, "cf_label_builtin", { label: label[locale] })),
  );
}

/** Help text with both languages empty is none. */
const helpOf = (help: { de: string; en: string } | null | undefined) =>
  help && (help.de || help.en) ? help : null;

export async function updateCustomField(ctx: ServiceContext, id: string, input: UpdateCustomFieldInput) {
  authorize(ctx, "custom_field.manage");
  const row = await ctx.db.transaction(async (tx) => {
    const current = await repo.findDefinition(tx, id, true);
    if (!current || current.deletedAt) throw notFound("custom_field_not_found");
    if (input.version !== undefined && input.version !== current.version) throw staleVersion("custom_field");
    if (input.label) refuseBuiltInLabel(current.entity, input.label, current.label);
    const isChoice = CHOICE_TYPES.includes(current.type);
    if (isChoice && input.options?.length === 0) throw ruleViolation("cf_options_required").at("options");
    const updated = await repo.updateDefinition(tx, id, {
      ...(input.label && { label: input.label }),
      ...(input.options && isChoice && { options: input.options }),
      ...(input.required !== undefined && { required: input.required }),
      ...(input.help !== undefined && { help: helpOf(input.help) }),
      ...(input.position !== undefined && { position: input.position }),
      ...(input.filterable !== undefined && { filterable: input.filterable }),
    });
    if (updated.filterable !== current.filterable) await enqueueJob(tx, "custom-field-index");
    await audit(tx, ctx, "custom_field.updated", updated, fieldChanges(current, updated, AUDITED));
    return updated;
  });
  await ctx.customFields?.reload();
  return toCustomField(row);
}

/**
 * Soft delete: the field leaves forms, lists and the API's checks, its values stay in the records
 * until an admin purges them (`purgeCustomField`); the key stays taken meanwhile.
 */
export async function deleteCustomField(ctx: ServiceContext, id: string): Promise<void> {
  authorize(ctx, "custom_field.manage");
  await ctx.db.transaction(async (tx) => {
    const current = await repo.findDefinition(tx, id, true);
    if (!current || current.deletedAt) throw notFound("custom_field_not_found");
    const deleted = await repo.updateDefinition(tx, id, { deletedAt: new Date() });
    if (deleted.filterable) await enqueueJob(tx, "custom-field-index");
    await audit(tx, ctx, "custom_field.deleted", deleted, { entity: deleted.entity, key: deleted.key });
  });
  await ctx.customFields?.reload();
}

/** Brings a deleted field back with its values, as long as they were not purged. */
export async function restoreCustomField(ctx: ServiceContext, id: string): Promise<CustomField> {
  authorize(ctx, "custom_field.manage");
  const row = await ctx.db.transaction(async (tx) => {
    const current = await repo.findDefinition(tx, id, true);
    if (!current) throw notFound("custom_field_not_found");
    if (!current.deletedAt) throw ruleViolation("cf_not_deleted");
    const restored = await repo.updateDefinition(tx, id, { deletedAt: null });
    if (restored.filterable) await enqueueJob(tx, "custom-field-index");
    await audit(tx, ctx, "custom_field.restored", restored, { entity: restored.entity, key: restored.key });
    return restored;
  });
  await ctx.customFields?.reload();
  return toCustomField(row);
}

/**
 * The admin's confirmation after a delete: removes the values from every record and the definition
 * itself (so the key is free again), in one transaction.
 */
export async function purgeCustomField(ctx: ServiceContext, id: string): Promise<{ purged: number }> {
  authorize(ctx, "custom_field.manage");
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findDefinition(tx, id, true);
    if (!current) throw notFound("custom_field_not_found");
    if (!current.deletedAt) throw ruleViolation("cf_not_deleted");
    const purged = await repo.purgeValues(tx, current.entity, current.key);
    await repo.deleteDefinitionRow(tx, id);
    await audit(tx, ctx, "custom_field.purged", current, {
      entity: current.entity,
      key: current.key,
      records: purged,
    });
    return { purged };
  });
}
