import { msg } from "@shared/message-codes";
import { z } from "zod";
import { idSchema, isoDateTime, text, versionField } from "./common";

/**
 * Custom fields (issue #20 point 1, API.md `/api/v1/custom-fields`): an admin defines extra fields per
 * entity; records carry their values as `customFields: { <key>: value }`, checked against the
 * definitions of that entity (`checkCustomFieldValues`, custom-field-values.ts).
 */
export const CUSTOM_FIELD_ENTITIES = ["lead", "contact", "company", "deal"] as const;
export type CustomFieldEntity = (typeof CUSTOM_FIELD_ENTITIES)[number];
export const CUSTOM_FIELD_TYPES = [
  "text",
  "long_text",
  "number",
  "money",
  "date",
  "choice",
  "multi_choice",
  "checkbox",
  "url",
  "email",
  "phone",
  "user",
] as const;
export type CustomFieldType = (typeof CUSTOM_FIELD_TYPES)[number];
export const CHOICE_TYPES: readonly CustomFieldType[] = ["choice", "multi_choice"];

export const customFieldEntitySchema = z.enum(CUSTOM_FIELD_ENTITIES);
export const customFieldTypeSchema = z.enum(CUSTOM_FIELD_TYPES);

/** snake_case or camelCase, starting with a letter: safe inside a JSON path and an index name. */
export const CUSTOM_FIELD_KEY = /^[a-z][a-zA-Z0-9_]{0,39}$/;
export const customFieldKeySchema = z
  .string()
  .regex(CUSTOM_FIELD_KEY, msg("cf_key_invalid"))
  .describe("snake_case or camelCase, unique per entity, never changes");

const labelSchema = z.strictObject({ de: text(100), en: text(100) });
const helpInput = z
  .strictObject({
    de: z
      .string()
      .trim()
      .max(500, msg("too_long", { count: 500 })),
    en: z
      .string()
      .trim()
      .max(500, msg("too_long", { count: 500 })),
  })
  .nullish();
const optionSchema = z.strictObject({ value: text(100), label: labelSchema });
const optionsInput = z
  .array(optionSchema)
  .max(200)
  .superRefine((options, ctx) => {
    const seen = new Set<string>();
    options.forEach((option, i) => {
      if (seen.has(option.value))
        ctx.addIssue({ code: "custom", path: [i, "value"], message: msg("duplicate_entry") });
      seen.add(option.value);
    });
  });

const definitionFields = {
  label: labelSchema,
  options: optionsInput.optional().describe("The choices of a choice or multi_choice field"),
  required: z.boolean().default(false),
  help: helpInput.describe("Help text shown under the input"),
  position: z.number().int().min(0).max(10_000).optional().describe("Order in forms; appended when omitted"),
  filterable: z.boolean().default(false).describe("Indexed, so lists filter and sort by it fast"),
};

const optionsFitType = (v: { type?: CustomFieldType | undefined; options?: unknown[] | undefined }) =>
  v.type === undefined || !CHOICE_TYPES.includes(v.type) || (v.options?.length ?? 0) > 0;

export const createCustomFieldBody = z
  .strictObject({
    entity: customFieldEntitySchema,
    key: customFieldKeySchema,
    type: customFieldTypeSchema,
    ...definitionFields,
  })
  .refine(optionsFitType, { path: ["options"], message: msg("cf_options_required") });
export type CreateCustomFieldInput = z.infer<typeof createCustomFieldBody>;

export const updateCustomFieldBody = z
  .strictObject({
    label: labelSchema.optional(),
    options: optionsInput.optional(),
    required: z.boolean().optional(),
    help: helpInput,
    position: z.number().int().min(0).max(10_000).optional(),
    filterable: z.boolean().optional(),
    version: versionField.optional(),
  })
  .describe("Entity and key never change");
export type UpdateCustomFieldInput = z.infer<typeof updateCustomFieldBody>;

export const customFieldListQuery = z.strictObject({
  entity: customFieldEntitySchema.optional(),
  deleted: z.stringbool().optional().describe("Admins: the deleted fields whose values wait for a purge"),
});

export const customFieldSchema = z.object({
  id: idSchema,
  entity: customFieldEntitySchema,
  key: z.string(),
  label: z.object({ de: z.string(), en: z.string() }),
  type: customFieldTypeSchema,
  options: z.array(z.object({ value: z.string(), label: z.object({ de: z.string(), en: z.string() }) })),
  required: z.boolean(),
  help: z.object({ de: z.string(), en: z.string() }).nullable(),
  position: z.number().int(),
  filterable: z.boolean(),
  version: z.number().int(),
  deletedAt: isoDateTime.nullable().describe("Set when deleted; the values stay until purged"),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type CustomField = z.infer<typeof customFieldSchema>;
/** What checking values needs of a definition. */
export type CustomFieldDefinition = Pick<
  CustomField,
  "key" | "type" | "options" | "required" | "label" | "filterable"
>;

/** A value as stored and answered: text, number, boolean, a list of choices or a money object. */
export const customFieldValue = z
  .unknown()
  .describe(
    "text, long_text, url, email, phone, choice, date (YYYY-MM-DD), user (id): string; number: number; checkbox: boolean; multi_choice: string[]; money: { amount, currency }",
  );
/** Records answer their values by key; a key without value is left out. */
export const customFieldsOutput = z
  .record(z.string(), customFieldValue)
  .describe("Custom field values by key (GET /custom-fields)");
/** Values sent with a record: checked against the entity's definitions; null clears a value. */
export const customFieldsInput = z
  .record(z.string().max(40), customFieldValue)
  .describe("Custom field values by key; null clears one; checked against GET /custom-fields")
  .optional();

/** `POST /custom-fields/:id/type` (issue #20): the new type; stored values convert or the change is refused. */
export const changeCustomFieldTypeBody = z.strictObject({
  type: customFieldTypeSchema,
  options: optionsInput.optional().describe("The choices of the new type (choice types); kept when omitted"),
  dryRun: z.boolean().default(false).describe("Only count what would convert and list what would not"),
  version: versionField.optional(),
});
export type ChangeCustomFieldTypeInput = z.infer<typeof changeCustomFieldTypeBody>;

/** At most this many refused records are named (with how many there are in all). */
export const TYPE_CHANGE_SAMPLE = 20;

export const typeChangeRefusalSchema = z.object({
  id: idSchema,
  name: z.string().describe("The record's name or title"),
  value: z.string().describe("The stored value as text"),
});
export type TypeChangeRefusal = z.infer<typeof typeChangeRefusalSchema>;

export const customFieldTypeChangeSchema = z.object({
  field: customFieldSchema.describe("The definition after the change (unchanged on a dry run or a refusal)"),
  converted: z.number().int().describe("Records whose value converts"),
  refusedCount: z.number().int().describe("Records whose value would not convert"),
  refused: z.array(typeChangeRefusalSchema).describe("A sample of them (at most 20)"),
  dryRun: z.boolean(),
});
export type CustomFieldTypeChange = z.infer<typeof customFieldTypeChangeSchema>;
