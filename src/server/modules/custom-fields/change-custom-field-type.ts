import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { notFound, ruleViolation, ruleViolationOf, staleVersion } from "@server/errors";
import { enqueueJob } from "@server/jobs/job.repository";
import { audit } from "@server/modules/audit/audit";
import { convertCustomValue } from "@shared/custom-field-convert";
import { message } from "@shared/message-codes";
import {
  CHOICE_TYPES,
  type ChangeCustomFieldTypeInput,
  type CustomFieldDefinition,
  type CustomFieldTypeChange,
  TYPE_CHANGE_SAMPLE,
} from "@shared/schemas/custom-field";
import { toCustomField, toDefinition } from "./custom-field.mapper";
import * as repo from "./custom-field.repository";
import { recordNames, TYPE_CHANGE_PAGE, valuesPage, writeValues } from "./custom-field-type.repository";

/** Thrown inside the transaction to roll the converted pages back; answered as the 422 with the list. */
class Refused extends Error {
  constructor(readonly result: CustomFieldTypeChange) {
    super("custom field type change refused");
  }
}

const shown = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value)).slice(0, 200);

/**
 * An admin changes a field's type (issue #20): every stored value (deleted records' too) is converted
 * page by page in one transaction, and the definition changes with them. A value that would not convert
 * refuses the whole change: 422 with the count and a sample of the records (nothing is written). A
 * `dryRun` answers the same numbers (200) and writes nothing. Audited as `custom_field.type_changed`.
 */
export async function changeCustomFieldType(
  ctx: ServiceContext,
  id: string,
  input: ChangeCustomFieldTypeInput,
): Promise<CustomFieldTypeChange> {
  authorize(ctx, "custom_field.manage");
  try {
    const result = await ctx.db.transaction(async (tx) => {
      const current = await repo.findDefinition(tx, id, true);
      if (!current || current.deletedAt) throw notFound("custom_field_not_found");
      if (input.version !== undefined && input.version !== current.version)
        throw staleVersion("custom_field");
      const toChoice = CHOICE_TYPES.includes(input.type);
      const options = toChoice ? (input.options ?? current.options) : [];
      if (toChoice && options.length === 0) throw ruleViolation("cf_options_required").at("options");
      const from = toDefinition(current);
      const to: CustomFieldDefinition = { ...from, type: input.type, options };
      let converted = 0;
      let refusedCount = 0;
      const refused: { id: string; value: string }[] = [];
      let after: string | null = null;
      for (;;) {
        const page = await valuesPage(tx, current.entity, current.key, after);
        const last = page.at(-1);
        if (!last) break;
        const writes: { id: string; value: unknown }[] = [];
        for (const row of page) {
          if (row.value === null) continue;
          const outcome = convertCustomValue(from, to, row.value);
          if ("refused" in outcome || outcome.value === null) {
            refusedCount++;
            if (refused.length < TYPE_CHANGE_SAMPLE) refused.push({ id: row.id, value: shown(row.value) });
          } else {
            converted++;
            writes.push({ id: row.id, value: outcome.value });
          }
        }
        // Once one value refuses, the rest is only counted: the change will not be written.
        if (!input.dryRun && refusedCount === 0) await writeValues(tx, current.entity, current.key, writes);
        after = last.id;
        if (page.length < TYPE_CHANGE_PAGE) break;
      }
      const names = await recordNames(
        tx,
        current.entity,
        refused.map((r) => r.id),
      );
      const outcome = {
        converted,
        refusedCount,
        refused: refused.map((r) => ({ ...r, name: names.get(r.id) ?? "" })),
        dryRun: input.dryRun,
      };
      if (input.dryRun || refusedCount > 0) {
        const result = { field: toCustomField(current), ...outcome };
        if (refusedCount > 0 && !input.dryRun) throw new Refused(result);
        return result;
      }
      const updated = await repo.updateDefinition(tx, id, { type: input.type, options });
      await audit(tx, ctx, "custom_field.type_changed", updated, {
        type: { from: current.type, to: updated.type },
        converted,
      });
      // A filterable field's index is built for its type (its name says which): the job rebuilds it.
      if (updated.filterable) await enqueueJob(tx, "custom-field-index");
      return { field: toCustomField(updated), ...outcome };
    });
    if (!input.dryRun) await ctx.customFields?.reload();
    return result;
  } catch (error) {
    if (error instanceof Refused) throw refusal(error.result);
    throw error;
  }
}

/** The 422: the count in the sentence, the sample as errors (`records.<id>`, the value and the name). */
function refusal(result: CustomFieldTypeChange) {
  const detail = message("cf_type_change_refused", { count: result.refusedCount });
  return ruleViolationOf(
    detail,
    result.refused.map((r) => ({
      path: `records.${r.id}`,
      message: detail.text,
      code: "cf_type_change_refused",
      params: { name: r.name, value: r.value },
    })),
  );
}
