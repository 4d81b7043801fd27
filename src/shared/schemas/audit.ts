import { msg } from "@shared/message-codes";
import { z } from "zod";
import { idSchema, isoDateTime } from "./common";
import { exportOptions } from "./export";

/**
 * The record types the audit trail's filter offers (the UI's choice list). The API takes any
 * lower-case type name, so entries of a module added later are found before this list knows them.
 */
export const AUDIT_ENTITIES = [
  "lead",
  "contact",
  "company",
  "deal",
  "activity",
  "quote",
  "invoice",
  "product",
  "pipeline",
  "team",
  "user",
  "api_token",
  "web_form",
  "settings",
] as const;

/** Records of these types have a page of their own in the web app (the trail links to it). */
export const AUDIT_LINKED_ENTITIES = ["lead", "contact", "company", "deal"] as const;

const name = /^[a-z][a-z_]{0,39}$/;

/** The audit trail's filters, shared by the list and its export. */
const auditFilters = {
  actorId: idSchema.optional().describe("Only changes by this user"),
  entity: z.string().regex(name, msg("invalid")).optional().describe("Record type, e.g. `lead`"),
  recordId: idSchema.optional().describe("Only entries about this record"),
  action: z
    .string()
    .regex(/^[a-z][a-z_]{0,39}(\.[a-z][a-z_]{0,59})?$/, msg("invalid"))
    .optional()
    .describe("An action (`lead.updated`) or only its verb (`updated`, `deleted`) for every record type"),
  from: isoDateTime.optional().describe("Entries at or after this time"),
  to: isoDateTime.optional().describe("Entries at or before this time"),
};

const periodInOrder = (q: { from?: string | undefined; to?: string | undefined }) =>
  !q.from || !q.to || q.from <= q.to;

export const auditListQuery = z
  .strictObject({
    ...auditFilters,
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: z.string().max(200).optional(),
  })
  .refine(periodInOrder, { message: msg("period_reversed"), path: ["to"] });
export type AuditListQuery = z.infer<typeof auditListQuery>;

export const auditExportQuery = z
  .strictObject({ ...auditFilters, locale: exportOptions.locale })
  .refine(periodInOrder, { message: msg("period_reversed"), path: ["to"] });
export type AuditExportQuery = z.infer<typeof auditExportQuery>;

export const auditEntrySchema = z.object({
  id: z.number().int().describe("Entry number, ascending in the order entries were written"),
  at: isoDateTime,
  actorId: idSchema.nullable().describe("null: the system (a form, an inbound mail, a job)"),
  actorName: z.string().nullable(),
  action: z.string().describe("`<record type>.<verb>`, e.g. `lead.updated`"),
  entity: z.string().describe("The record type"),
  recordId: idSchema.nullable().describe("null for the settings, which have no id"),
  changes: z
    .unknown()
    .describe("What changed: `{ field: { from, to } }` for updates, the action's details otherwise"),
  requestId: z.string().nullable().describe("The `x-request-id` of the request that made the change"),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditListSchema = z.object({
  data: z.array(auditEntrySchema),
  nextCursor: z.string().nullable(),
});
