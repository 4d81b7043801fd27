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

export const MATCH_KEYS = ["email", "phone", "externalId", "vatId", "domain"] as const;

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
  counts: importCounts,
  progress: z.object({
    done: z.number().int(),
    total: z.number().int(),
    rowsPerSecond: z.number().nullable(),
    secondsLeft: z.number().nullable(),
  }),
  fields: z.array(z.string()).describe("The fields a column can be mapped to"),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  lastError: z.string().nullable(),
});
export type Import = z.infer<typeof importSchema>;

export const importMappingBody = z.strictObject({
  columns: z.record(z.string().max(300), z.string().max(60).nullable()),
  duplicatePolicy: z.enum(DUPLICATE_POLICIES).default("skip"),
  matchOn: z.array(z.enum(MATCH_KEYS)).max(5).default(["email", "phone"]),
  valueMapping: z.record(z.string(), z.record(z.string().max(300), z.string().max(60))).optional(),
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
