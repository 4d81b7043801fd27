import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { type FieldError, fieldMessage, invalidInput } from "@server/errors";
import { type CustomFieldProblem, checkCustomFieldValues } from "@shared/custom-field-values";
import { message } from "@shared/message-codes";
import type { CustomFieldDefinition, CustomFieldEntity } from "@shared/schemas/custom-field";
import { toDefinition } from "./custom-field.mapper";
import { existingUserIds, selectDefinitions } from "./custom-field.repository";

/**
 * The entity's live definitions: the app's cache, or (`fresh`, or a caller without the cache, like a
 * job) a read in `db`, the caller's transaction: PGlite has one connection, which that transaction holds.
 */
export async function definitionsOf(
  ctx: Pick<ServiceContext, "customFields">,
  db: DbOrTx,
  entity: CustomFieldEntity,
  fresh = false,
): Promise<readonly CustomFieldDefinition[]> {
  if (ctx.customFields && !fresh) return ctx.customFields.definitions(entity);
  return (await selectDefinitions(db, { entity })).map(toDefinition);
}

const errorOf = (p: CustomFieldProblem): FieldError =>
  fieldMessage(
    p.path,
    p.key === "too_long" ? message("too_long", { count: p.count ?? 0 }) : message(p.key as "required"),
  );

/**
 * The `custom_fields` a record keeps after a write that sends `input` (undefined: unchanged, on an
 * update), checked against the entity's definitions: a 400 naming `customFields.<key>` for an unknown
 * key, a wrong type, a choice not offered, a missing required value or a user that does not exist.
 */
export async function customFieldsOfWrite(
  ctx: Pick<ServiceContext, "customFields">,
  db: DbOrTx,
  entity: CustomFieldEntity,
  input: Record<string, unknown> | null | undefined,
  options: { current?: Record<string, unknown> | null; creating: boolean },
): Promise<Record<string, unknown> | undefined> {
  if ((input === undefined || input === null) && !options.creating) return undefined;
  const given = input ?? undefined;
  let definitions = await definitionsOf(ctx, db, entity);
  let outcome = checkCustomFieldValues(definitions, given, options);
  if (!outcome.ok && ctx.customFields && outcome.problems.some((p) => p.key === "unknown_field")) {
    // A field made in another process in the last seconds: read again before refusing it.
    definitions = await definitionsOf(ctx, db, entity, true);
    outcome = checkCustomFieldValues(definitions, given, options);
    if (outcome.ok) void ctx.customFields.reload();
  }
  if (!outcome.ok) throw invalidInput(message("invalid"), outcome.problems.map(errorOf));
  const users = definitions
    .filter((d) => d.type === "user" && typeof given?.[d.key] === "string" && given[d.key] !== "")
    .map((d) => ({ key: d.key, id: given?.[d.key] as string }));
  if (users.length > 0) {
    const known = await existingUserIds(
      db,
      users.map((u) => u.id),
    );
    const unknown = users.filter((u) => !known.has(u.id));
    if (unknown.length > 0)
      throw invalidInput(
        message("invalid"),
        unknown.map((u) => fieldMessage(`customFields.${u.key}`, message("cf_user_invalid"))),
      );
  }
  return outcome.values;
}
