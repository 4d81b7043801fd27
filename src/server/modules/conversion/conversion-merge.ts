import type { Principal } from "@domain/access-policy";
import {
  type CompanyLeadField,
  type ContactLeadField,
  companyMergeRows,
  contactMergeRows,
  type MergeAddress,
  type MergeCompany,
  type MergeContact,
  type MergeLead,
  planCompanyMerge,
  planContactMerge,
} from "@domain/conversion/conversion-merge";
import { can, refusalOf } from "@domain/policy/policy";
import { refusalError } from "@server/access/authorize";
import { companyVisibility, contactVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { field, ruleViolation, ruleViolationOf } from "@server/errors";
import { type AuditAction, audit } from "@server/modules/audit/audit";
import { findCompanyForUpdate } from "@server/modules/companies/company.repository";
import { updateCompany } from "@server/modules/companies/company.service";
import { contactPointsOf } from "@server/modules/contacts/contact.mapper";
import { findContactForUpdate } from "@server/modules/contacts/contact.repository";
import { updateContact } from "@server/modules/contacts/contact.service";
import { message } from "@shared/message-codes";
import { updateCompanyBody } from "@shared/schemas/company";
import { updateContactBody } from "@shared/schemas/contact";
import type {
  CompanyMergeChoicesInput,
  CompanyMergePreview,
  ContactMergeChoicesInput,
  ContactMergePreview,
} from "@shared/schemas/conversion";
import type { Lead } from "@shared/schemas/lead";
import { parseMerged, underPath } from "./conversion-errors";

/*
 * The conversion's merge into an existing contact or company (issue #20 point 2): the preview in the
 * suggestions and the choices applied in the conversion's transaction. The domain decides what
 * differs and what each choice makes of the record (domain/conversion/conversion-merge.ts); the
 * record's own update writes and audits it, so the merge obeys every rule an edit obeys.
 */

const str = (v: unknown) => (typeof v === "string" ? v : null);
const addressOf = (v: unknown): MergeAddress | null => {
  if (typeof v !== "object" || v === null) return null;
  const a = v as Record<string, unknown>;
  return { street: str(a.street), postalCode: str(a.postalCode), city: str(a.city), country: str(a.country) };
};

interface ContactMergeRow {
  salutation: string | null;
  title: string | null;
  firstName: string | null;
  lastName: string;
  jobTitle: string | null;
  department: string | null;
  emails: unknown;
  phones: unknown;
  addresses: unknown;
}

export function contactMergeSubject(row: ContactMergeRow): MergeContact {
  const addresses = Array.isArray(row.addresses) ? (row.addresses as unknown[]) : [];
  return {
    salutation: row.salutation,
    title: row.title,
    firstName: row.firstName,
    lastName: row.lastName,
    jobTitle: row.jobTitle,
    department: row.department,
    ...contactPointsOf(row),
    addresses: addresses.flatMap((a) => {
      const parts = addressOf(a);
      const type = str((a as Record<string, unknown>).type) ?? "other";
      return parts ? [{ type, ...parts }] : [];
    }),
  };
}

export function companyMergeSubject(row: {
  name: string;
  website: string | null;
  phone: string | null;
  billingAddress: unknown;
}): MergeCompany {
  return {
    name: row.name,
    website: row.website,
    phone: row.phone,
    billingAddress: addressOf(row.billingAddress),
  };
}

type Owned = { ownerId: string | null; teamId: string | null };

/** The rows of a suggested contact: none when the caller may not change it (it is linked as it is). */
export function contactMergePreview(
  actor: Principal,
  lead: MergeLead,
  row: ContactMergeRow & Owned,
): ContactMergePreview {
  const allowed = can(actor, "contact.update", row);
  return { allowed, fields: allowed ? contactMergeRows(lead, contactMergeSubject(row)) : [] };
}

export function companyMergePreview(
  actor: Principal,
  lead: MergeLead,
  row: Parameters<typeof companyMergeSubject>[0] & Owned,
): CompanyMergePreview {
  const allowed = can(actor, "company.update", row);
  return { allowed, fields: allowed ? companyMergeRows(lead, companyMergeSubject(row)) : [] };
}

const leadName = (lead: Lead) =>
  [lead.firstName, lead.lastName].filter(Boolean).join(" ") || lead.companyName || null;

/** 422 at `merge.<part>.<field>` for each choice of a field the lead has no value for. */
function refuseEmpty(part: "contact" | "company", fields: readonly string[]) {
  if (fields.length === 0) return;
  throw ruleViolationOf(
    message("merge_lead_value_missing"),
    fields.map((f) => field(`merge.${part}.${f}`, "merge_lead_value_missing")),
  );
}

/** The timeline's entry: which fields came from which lead, and how ("lead" or "both"). */
async function auditTaken(
  ctx: ServiceContext,
  action: AuditAction,
  id: string,
  lead: Lead,
  taken: Partial<Record<ContactLeadField | CompanyLeadField, string>>,
) {
  await audit(
    ctx.db,
    ctx,
    action,
    { id },
    {
      leadId: lead.id,
      leadName: leadName(lead),
      fields: Object.keys(taken),
      choices: taken,
    },
  );
}

/**
 * Applies the choices to the existing contact inside the conversion's transaction (`ctx.db`): the
 * caller must be allowed to edit it (403 at `merge.contact`), a choice needs a lead value (422), and the
 * result must be a valid contact (422 under `merge.contact`).
 */
export async function mergeIntoContact(
  ctx: ServiceContext,
  lead: Lead,
  contactId: string,
  choices: ContactMergeChoicesInput,
): Promise<void> {
  const row = await findContactForUpdate(ctx.db, contactId, contactVisibility(ctx));
  if (!row) throw ruleViolation("contact_not_visible").at("contact.existingId");
  const refusal = refusalOf(ctx.actor, "contact.update", row);
  if (refusal) throw refusalError(refusal).at("merge.contact");
  const plan = planContactMerge(lead, contactMergeSubject(row), choices);
  refuseEmpty("contact", plan.empty);
  if (Object.keys(plan.taken).length === 0) return;
  const input = parseMerged(updateContactBody, plan.patch, "merge.contact");
  await underPath("merge.contact", () => updateContact(ctx, contactId, input));
  await auditTaken(ctx, "contact.lead_merged", contactId, lead, plan.taken);
}

export async function mergeIntoCompany(
  ctx: ServiceContext,
  lead: Lead,
  companyId: string,
  choices: CompanyMergeChoicesInput,
): Promise<void> {
  const row = await findCompanyForUpdate(ctx.db, companyId, companyVisibility(ctx));
  if (!row) throw ruleViolation("company_not_visible").at("company.existingId");
  const refusal = refusalOf(ctx.actor, "company.update", row);
  if (refusal) throw refusalError(refusal).at("merge.company");
  const plan = planCompanyMerge(lead, companyMergeSubject(row), choices);
  refuseEmpty("company", plan.empty);
  if (Object.keys(plan.taken).length === 0) return;
  const input = parseMerged(updateCompanyBody, plan.patch, "merge.company");
  await underPath("merge.company", () => updateCompany(ctx, companyId, input));
  await auditTaken(ctx, "company.lead_merged", companyId, lead, plan.taken);
}
