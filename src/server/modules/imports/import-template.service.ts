import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { field, forbidden, invalidInput, notFound } from "@server/errors";
import { message } from "@shared/message-codes";
import {
  IMPORT_FIELDS,
  IMPORT_MATCH_KEYS,
  type ImportEntity,
  type ImportTemplate,
  type ImportTemplateInput,
  type LinkPolicy,
} from "@shared/schemas/import";
import { customTargets, isCustomTarget } from "./import-custom-fields";
import * as repo from "./import-template.repository";

function present(ctx: ServiceContext, row: repo.ImportTemplateRow): ImportTemplate {
  return {
    id: row.id,
    entity: row.entity as ImportEntity,
    name: row.name,
    columns: row.mapping,
    valueMapping: row.valueMapping,
    duplicatePolicy: row.duplicatePolicy as ImportTemplate["duplicatePolicy"],
    matchOn: row.matchOn,
    linkPolicy: row.linkPolicy as LinkPolicy,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    abilities: { delete: mayDelete(ctx, row) },
  };
}

const mayDelete = (ctx: ServiceContext, row: repo.ImportTemplateRow) =>
  row.createdBy === ctx.actor.id || ctx.actor.role === "admin";

/** The saved mappings (of one entity): shared by everyone who imports, so a team maps a scanner's file once. */
export async function listImportTemplates(ctx: ServiceContext, entity: ImportEntity | undefined) {
  const rows = await repo.listTemplates(ctx.db, entity);
  return { data: rows.map((row) => present(ctx, row)) };
}

/**
 * Saves the mapping under a name (the same name of the same entity replaces it, if it is yours).
 * Fields and keys are checked against the entity's, like the mapping itself.
 */
export async function saveImportTemplate(
  ctx: ServiceContext,
  input: ImportTemplateInput,
): Promise<ImportTemplate> {
  authorize(ctx, `${input.entity}.create`);
  // A template remembers custom field targets (`cf.<key>`) of the entity's live fields too.
  const custom = Object.values(input.columns).some(isCustomTarget)
    ? await customTargets(ctx.db, input.entity)
    : new Set<string>();
  const fields = new Set<string>([...IMPORT_FIELDS[input.entity], ...custom]);
  const keys = new Set<string>(IMPORT_MATCH_KEYS[input.entity]);
  const errors = [
    ...Object.entries(input.columns)
      .filter(([, f]) => f !== null && !fields.has(f))
      .map(([header, f]) => field(`columns.${header}`, "import_field_unknown", { field: f ?? header })),
    ...input.matchOn.flatMap((k, i) => (keys.has(k) ? [] : [field(`matchOn.${i}`, "invalid")])),
  ];
  if (errors.length) throw invalidInput(message("request_invalid_field", { part: "body" }), errors);
  const values = {
    mapping: Object.fromEntries(Object.entries(input.columns).filter(([, f]) => f !== null)),
    valueMapping: input.valueMapping ?? {},
    duplicatePolicy: input.duplicatePolicy,
    matchOn: input.matchOn,
    linkPolicy: input.linkPolicy,
  };
  const same = await repo.findTemplateByName(ctx.db, input.entity, input.name);
  if (same) {
    if (!mayDelete(ctx, same))
      throw invalidInput(message("import_template_name_taken"), [
        field("name", "import_template_name_taken"),
      ]);
    return present(ctx, await repo.replaceTemplate(ctx.db, same.id, values));
  }
  const row = await repo.insertTemplate(ctx.db, {
    ...values,
    entity: input.entity,
    name: input.name,
    createdBy: ctx.actor.id,
  });
  return present(ctx, row);
}

export async function deleteImportTemplate(ctx: ServiceContext, id: string): Promise<void> {
  const row = await repo.findTemplate(ctx.db, id);
  if (!row) throw notFound("import_template_not_found");
  if (!mayDelete(ctx, row)) throw forbidden("import_template_not_yours");
  await repo.deleteTemplate(ctx.db, id);
}

/**
 * The template for a new upload: of the entity, every header it maps is in the file (the one mapping
 * the most columns wins, the newest on a tie). Null when none fits.
 */
export async function templateFor(
  ctx: ServiceContext,
  entity: ImportEntity,
  headers: readonly string[],
): Promise<repo.ImportTemplateRow | null> {
  const present = new Set(headers);
  let best: repo.ImportTemplateRow | null = null;
  for (const row of await repo.listTemplates(ctx.db, entity)) {
    const mapped = Object.keys(row.mapping);
    if (mapped.length === 0 || !mapped.every((h) => present.has(h))) continue;
    const bestCount = best ? Object.keys(best.mapping).length : -1;
    if (mapped.length > bestCount || (mapped.length === bestCount && best && row.createdAt > best.createdAt))
      best = row;
  }
  return best;
}
