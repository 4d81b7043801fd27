import { z } from "zod";
import { INTAKE_TEXT_FIELDS } from "../../domain/intake/intake-types";
import { idSchema } from "./common";

/**
 * The lead fields a column can fill: the intake pipeline's fields, the VAT id and the source. (The
 * import above is relative: drizzle-kit loads this file, through db/schema/imports.ts, without the
 * path aliases.)
 */
export const LEAD_IMPORT_FIELDS = [...INTAKE_TEXT_FIELDS, "vatId", "source", "sourceDetail"] as const;
export type LeadImportField = (typeof LEAD_IMPORT_FIELDS)[number];
/** A lead's column may also hold its id in the other system: a match key, stored on the new lead. */
const LEAD_IMPORT_FIELDS_WITH_ID = [...LEAD_IMPORT_FIELDS, "externalId"] as const;

/** What a file can be imported into (API.md "POST /api/v1/imports"). */
export const IMPORT_ENTITIES = ["lead", "contact", "company", "deal"] as const;
export type ImportEntity = (typeof IMPORT_ENTITIES)[number];

export const IMPORT_STATUSES = [
  "analysing",
  "mapping",
  "ready",
  "running",
  "done",
  "failed",
  "cancelled",
  "undoing",
  "undone",
] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export const DUPLICATE_POLICIES = ["skip", "fill_empty", "overwrite", "create"] as const;
export type DuplicatePolicy = (typeof DUPLICATE_POLICIES)[number];

export const MATCH_KEYS = ["email", "phone", "externalId", "vatId", "domain", "name"] as const;
export type MatchKey = (typeof MATCH_KEYS)[number];

/** The columns a contact import can fill (the company is found or created by its name). */
export const CONTACT_IMPORT_FIELDS = [
  "externalId",
  "salutation",
  "title",
  "firstName",
  "lastName",
  "companyName",
  "jobTitle",
  "department",
  "email",
  "phone",
  "mobile",
  "street",
  "postalCode",
  "city",
  "country",
  "birthday",
  "leadSource",
  "description",
] as const;

export const COMPANY_IMPORT_FIELDS = [
  "externalId",
  "name",
  "website",
  "industry",
  "size",
  "vatId",
  "email",
  "phone",
  "street",
  "postalCode",
  "city",
  "country",
  "description",
] as const;

/** A deal names its company and contact by name, email or external id; amount and day in the file's locale. */
export const DEAL_IMPORT_FIELDS = [
  "externalId",
  "title",
  "amount",
  "currency",
  "probability",
  "expectedCloseDate",
  "companyName",
  "companyExternalId",
  "contactEmail",
  "contactName",
  "contactExternalId",
  "description",
] as const;

/** Per entity: the fields a column can fill and the keys a duplicate is found by (issue #17). */
export const IMPORT_FIELDS: Record<ImportEntity, readonly string[]> = {
  lead: [...LEAD_IMPORT_FIELDS_WITH_ID],
  contact: CONTACT_IMPORT_FIELDS,
  company: COMPANY_IMPORT_FIELDS,
  deal: DEAL_IMPORT_FIELDS,
};
export const IMPORT_MATCH_KEYS: Record<ImportEntity, readonly MatchKey[]> = {
  lead: ["email", "phone", "externalId"],
  contact: ["email", "phone", "externalId"],
  company: ["vatId", "domain", "externalId", "name"],
  deal: ["externalId"],
};
export const DEFAULT_MATCH_ON: Record<ImportEntity, MatchKey[]> = {
  lead: ["email", "phone"],
  contact: ["email", "phone", "externalId"],
  company: ["vatId", "domain", "externalId"],
  deal: ["externalId"],
};

/** What happens when a deal's (or contact's) company or contact is not found: an error on the row, or a new record. */
export const LINK_POLICIES = ["find", "create"] as const;
export type LinkPolicy = (typeof LINK_POLICIES)[number];

/** A row's outcome in the dry run and, after the run, what was done. */
export const IMPORT_OUTCOMES = ["create", "update", "duplicate", "linked", "error", "skipped"] as const;
export type ImportOutcome = (typeof IMPORT_OUTCOMES)[number];

export const importCounts = z.object({
  total: z.number().int(),
  create: z.number().int(),
  update: z.number().int(),
  duplicate: z.number().int(),
  linked: z.number().int(),
  error: z.number().int(),
  skipped: z.number().int(),
  done: z.number().int(),
});

export const importSchema = z.object({
  id: idSchema,
  entity: z.enum(IMPORT_ENTITIES),
  status: z.enum(IMPORT_STATUSES),
  fileName: z.string(),
  columns: z.array(z.string()),
  detected: z.object({
    format: z.enum(["csv", "xlsx"]),
    encoding: z.string().nullable(),
    delimiter: z.string().nullable(),
    sheet: z.string().nullable(),
  }),
  mapping: z.record(z.string(), z.string().nullable()),
  duplicatePolicy: z.enum(DUPLICATE_POLICIES),
  matchOn: z.array(z.string()),
  valueMapping: z.record(z.string(), z.record(z.string(), z.string())),
  linkPolicy: z.enum(LINK_POLICIES),
  sheets: z.array(z.string()).describe("An XLSX's sheets (the one read is `detected.sheet`); empty for CSV"),
  template: z
    .object({ id: idSchema, name: z.string() })
    .nullable()
    .describe("The saved mapping applied because the headers match"),
  counts: importCounts,
  progress: z.object({
    done: z.number().int(),
    total: z.number().int(),
    rowsPerSecond: z.number().nullable(),
    secondsLeft: z.number().nullable(),
  }),
  fields: z.array(z.string()).describe("The fields a column can be mapped to"),
  matchKeys: z.array(z.enum(MATCH_KEYS)).describe("The duplicate keys this entity offers"),
  choices: z
    .record(z.string(), z.array(z.string()))
    .describe("Per choice field the codes a file value can be mapped to"),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type Import = z.infer<typeof importSchema>;

export const importMappingBody = z.strictObject({
  columns: z.record(z.string().max(300), z.string().max(60).nullable()),
  duplicatePolicy: z.enum(DUPLICATE_POLICIES).default("skip"),
  matchOn: z.array(z.enum(MATCH_KEYS)).max(6).default(["email", "phone"]),
  valueMapping: z.record(z.string().max(60), z.record(z.string().max(300), z.string().max(60))).optional(),
  linkPolicy: z.enum(LINK_POLICIES).default("find"),
  locale: z.enum(["de", "en"]).optional(),
});
export type ImportMappingInput = z.infer<typeof importMappingBody>;

export const importRowsQuery = z.strictObject({
  outcome: z.enum(IMPORT_OUTCOMES).optional(),
  cursor: z.coerce.number().int().min(0).optional().describe("The last row number of the previous page"),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const importRowSchema = z.object({
  rowNo: z.number().int(),
  cells: z.array(z.string()),
  outcome: z.enum(IMPORT_OUTCOMES).nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  recordId: idSchema.nullable(),
});

/** A saved mapping (issue #17): offered and applied when an upload's headers hold its columns. */
export const importTemplateBody = z.strictObject({
  entity: z.enum(IMPORT_ENTITIES),
  name: z.string().trim().min(1).max(100),
  columns: z.record(z.string().max(300), z.string().max(60).nullable()),
  valueMapping: z.record(z.string().max(60), z.record(z.string().max(300), z.string().max(60))).optional(),
  duplicatePolicy: z.enum(DUPLICATE_POLICIES).default("skip"),
  matchOn: z.array(z.enum(MATCH_KEYS)).max(6).default([]),
  linkPolicy: z.enum(LINK_POLICIES).default("find"),
});
export type ImportTemplateInput = z.infer<typeof importTemplateBody>;

export const importTemplateSchema = z.object({
  id: idSchema,
  entity: z.enum(IMPORT_ENTITIES),
  name: z.string(),
  columns: z.record(z.string(), z.string().nullable()),
  valueMapping: z.record(z.string(), z.record(z.string(), z.string())),
  duplicatePolicy: z.enum(DUPLICATE_POLICIES),
  matchOn: z.array(z.string()),
  linkPolicy: z.enum(LINK_POLICIES),
  createdBy: idSchema,
  createdAt: z.string(),
  abilities: z.object({ delete: z.boolean() }),
});
export type ImportTemplate = z.infer<typeof importTemplateSchema>;

export const importTemplatesQuery = z.strictObject({ entity: z.enum(IMPORT_ENTITIES).optional() });

/**
 * The UI text (i18n key) of each field a column can fill, per entity: the mapping step shows it and
 * the server reads a header in either language by it, so our own export's files map back.
 */
export const IMPORT_FIELD_LABELS: Record<ImportEntity, Record<string, string>> = {
  lead: Object.fromEntries(
    [...LEAD_IMPORT_FIELDS_WITH_ID].map((f) => [
      f,
      f === "vatId"
        ? "companies.fields.vatId"
        : f === "externalId"
          ? "imports.fields.externalId"
          : `leads.fields.${f}`,
    ]),
  ),
  contact: {
    ...Object.fromEntries(CONTACT_IMPORT_FIELDS.map((f) => [f, `contacts.fields.${f}`])),
    externalId: "imports.fields.externalId",
    companyName: "contacts.fields.company",
    mobile: "leads.fields.mobile",
  },
  company: {
    ...Object.fromEntries(COMPANY_IMPORT_FIELDS.map((f) => [f, `companies.fields.${f}`])),
    externalId: "imports.fields.externalId",
    street: "export.columns.billingStreet",
    postalCode: "export.columns.billingPostalCode",
    city: "export.columns.billingCity",
    country: "export.columns.billingCountry",
  },
  deal: {
    ...Object.fromEntries(DEAL_IMPORT_FIELDS.map((f) => [f, `deal.fields.${f}`])),
    externalId: "imports.fields.externalId",
    companyName: "deal.fields.company",
    companyExternalId: "imports.fields.companyExternalId",
    contactEmail: "imports.fields.contactEmail",
    contactName: "imports.fields.contactName",
    contactExternalId: "imports.fields.contactExternalId",
  },
};
