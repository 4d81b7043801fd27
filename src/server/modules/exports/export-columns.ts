import { LEAD_INQUIRY_FIELDS } from "@domain/leads/lead-fields";
import type { PageRow } from "@server/db/page-rows";
import type { LeadRow } from "@server/modules/leads/lead.repository";
import type { LeadColumns } from "@server/modules/leads/lead-list.repository";
import type { Activity } from "@shared/schemas/activity";
import type { Company } from "@shared/schemas/company";
import type { Contact } from "@shared/schemas/contact";
import type { Deal } from "@shared/schemas/deal";
import type { CellKind } from "./cell-format";
import type { ExportColumn } from "./table-export";

/**
 * The columns of each list's export, in the order of the file. The keys are the raw (no `locale=`)
 * headers the CSV export always had, and the names `columns=` takes; labels are the UI's words.
 */

const TEXT: CellKind = { type: "text" };
const DATE: CellKind = { type: "date" };
const TIME: CellKind = { type: "dateTime" };
const MONEY: CellKind = { type: "money" };
const NUMBER: CellKind = { type: "number" };
const LIST: CellKind = { type: "list" };
const BOOL: CellKind = { type: "boolean" };
const USER: CellKind = { type: "ref", lookup: "users" };
const TEAM: CellKind = { type: "ref", lookup: "teams" };
const SOURCE: CellKind = { type: "choice", labels: "leads.source" };

type Row<T> = Record<string, unknown> & T;
/** A column whose value is the record's field of the same key. */
const field = <T>(key: string, label: string, kind: CellKind = TEXT): ExportColumn<T> => ({
  key,
  label,
  kind,
  value: (row) => (row as Row<T>)[key],
});
const col = <T>(key: string, label: string, kind: CellKind, value: (row: T) => unknown): ExportColumn<T> => ({
  key,
  label,
  kind,
  value,
});

const ID = "export.columns.id";

/**
 * The lead columns the export reads, as the database holds them: what LEAD_COLUMNS write, with the
 * derived bant_qualified in place of the BANT document and the custom fields' document. The rows come
 * straight from the list's own page query (lead-list.repository.ts), not through the API projection.
 */
export const LEAD_EXPORT_READ = {
  columns: [
    "id",
    "status",
    "lifecycleStage",
    "source",
    "sourceDetail",
    ...LEAD_INQUIRY_FIELDS,
    "estimatedValue",
    "currency",
    "ownerId",
    "teamId",
    "score",
    "bantQualified",
    "tags",
    "createdAt",
    "updatedAt",
    "deadReason",
    "customFields",
  ],
} as const satisfies LeadColumns;

/** One lead as the export reads it (timestamps as ISO text, numerics as text, db/page-rows.ts). */
export type LeadExportRow = PageRow<Pick<LeadRow, (typeof LEAD_EXPORT_READ.columns)[number]>> & {
  sortKey: string;
};

export const LEAD_COLUMNS: ExportColumn<LeadExportRow>[] = [
  field("id", ID),
  field("status", "leads.fields.status", { type: "choice", labels: "leads.status" }),
  field("lifecycleStage", "leads.fields.lifecycleStage", { type: "choice", labels: "leads.lifecycle" }),
  field("source", "leads.fields.source", SOURCE),
  ...(["sourceDetail", ...LEAD_INQUIRY_FIELDS] as const).map((key) =>
    field<LeadExportRow>(key, `leads.fields.${key}`),
  ),
  // The DIN 5008 block, as the contacts' export has it (issue #20 point 4).
  col("addressBlock", "export.columns.addressBlock", { type: "address" }, (l) =>
    l.street || l.postalCode || l.city
      ? {
          company: l.companyName,
          person: l,
          address: { street: l.street, postalCode: l.postalCode, city: l.city, country: l.country },
        }
      : null,
  ),
  field("estimatedValue", "leads.fields.estimatedValue", MONEY),
  // The currency belongs to a value: none without one, as in the API's { amount, currency }.
  col("currency", "leads.fields.currency", TEXT, (l) => (l.estimatedValue === null ? null : l.currency)),
  field("ownerId", "leads.fields.owner", USER),
  field("teamId", "leads.fields.team", TEAM),
  field("score", "leads.fields.score", NUMBER),
  // The generated column is null, not false, for a BANT document missing a criterion's state.
  col("bantQualified", "export.columns.bantQualified", BOOL, (l) => l.bantQualified === true),
  field("tags", "leads.fields.tags", LIST),
  field("createdAt", "leads.fields.createdAt", TIME),
  field("updatedAt", "leads.fields.updatedAt", TIME),
  field("deadReason", "leads.fields.deadReason"),
];

const primaryAddress = (c: Contact) => c.addresses[0];
/** German business details (issue #20): the letter salutation and the DIN 5008 address block. */
const SALUTATION: CellKind = { type: "salutation" };
const ADDRESS: CellKind = { type: "address" };
const contactAddressBlock = (c: Contact) => ({
  company: c.companyName,
  person: c,
  address: primaryAddress(c),
});

export const CONTACT_COLUMNS: ExportColumn<Contact>[] = [
  field("id", ID),
  ...(["salutation", "title", "firstName", "lastName"] as const).map((key) =>
    field<Contact>(key, `contacts.fields.${key}`),
  ),
  field("companyName", "contacts.fields.company"),
  field("jobTitle", "contacts.fields.jobTitle"),
  field("department", "contacts.fields.department"),
  col("email", "contacts.fields.email", TEXT, (c) => c.email),
  col("emails", "export.columns.emails", TEXT, (c) => c.emails.map((e) => e.value).join(", ")),
  col("phone", "contacts.fields.phone", TEXT, (c) => c.phone),
  col("phones", "export.columns.phones", TEXT, (c) => c.phones.map((p) => p.value).join(", ")),
  col("street", "contacts.fields.street", TEXT, (c) => primaryAddress(c)?.street),
  col("postalCode", "contacts.fields.postalCode", TEXT, (c) => primaryAddress(c)?.postalCode),
  col("city", "contacts.fields.city", TEXT, (c) => primaryAddress(c)?.city),
  col("country", "contacts.fields.country", TEXT, (c) => primaryAddress(c)?.country),
  col("addressBlock", "export.columns.addressBlock", ADDRESS, (c) =>
    primaryAddress(c) ? contactAddressBlock(c) : null,
  ),
  // Beside the address block: what a mail merge of a letter takes from the file.
  col("letterSalutation", "contacts.fields.letterSalutation", SALUTATION, (c) => c),
  field("birthday", "contacts.fields.birthday", DATE),
  field("leadSource", "contacts.fields.leadSource", SOURCE),
  field("ownerId", "contacts.fields.owner", USER),
  field("teamId", "leads.fields.team", TEAM),
  field("tags", "contacts.fields.tags", LIST),
  col("marketingConsent", "contacts.fields.consent", BOOL, (c) => c.marketingConsent.given),
  col("consentSource", "export.columns.consentSource", TEXT, (c) => c.marketingConsent.source),
  col("consentAt", "export.columns.consentAt", TIME, (c) => c.marketingConsent.at),
  field("createdAt", "contacts.fields.createdAt", TIME),
  field("updatedAt", "contacts.fields.updatedAt", TIME),
];

export const COMPANY_COLUMNS: ExportColumn<Company>[] = [
  field("id", ID),
  field("name", "companies.fields.name"),
  field("website", "companies.fields.website"),
  field("domain", "export.columns.domain"),
  field("industry", "companies.fields.industry"),
  field("size", "companies.fields.size", NUMBER),
  field("vatId", "companies.fields.vatId"),
  field("phone", "companies.fields.phone"),
  field("email", "companies.fields.email"),
  col("billingStreet", "export.columns.billingStreet", TEXT, (c) => c.billingAddress?.street),
  col("billingPostalCode", "export.columns.billingPostalCode", TEXT, (c) => c.billingAddress?.postalCode),
  col("billingCity", "export.columns.billingCity", TEXT, (c) => c.billingAddress?.city),
  col("billingCountry", "export.columns.billingCountry", TEXT, (c) => c.billingAddress?.country),
  col("addressBlock", "export.columns.addressBlock", ADDRESS, (c) =>
    c.billingAddress ? { company: c.name, address: c.billingAddress } : null,
  ),
  field("parentCompanyId", "companies.fields.parentCompany", { type: "ref", lookup: "companies" }),
  field("ownerId", "companies.fields.owner", USER),
  field("teamId", "leads.fields.team", TEAM),
  field("tags", "companies.fields.tags", LIST),
  field("createdAt", "companies.fields.createdAt", TIME),
  field("updatedAt", "companies.fields.updatedAt", TIME),
];

export const DEAL_COLUMNS: ExportColumn<Deal>[] = [
  field("id", ID),
  field("title", "deal.fields.title"),
  field("status", "deal.fields.status", { type: "choice", labels: "deal.status" }),
  field("pipelineId", "deal.fields.pipeline", { type: "ref", lookup: "pipelines" }),
  field("stageId", "deal.fields.stage", { type: "ref", lookup: "stages" }),
  col("amount", "deal.fields.amount", MONEY, (d) => d.amount?.amount),
  col("currency", "deal.fields.currency", TEXT, (d) => d.amount?.currency),
  field("probability", "deal.fields.probability", NUMBER),
  field("expectedCloseDate", "deal.fields.expectedCloseDate", DATE),
  field("companyName", "deal.fields.company"),
  col("contacts", "deal.fields.contacts", TEXT, (d) => d.contacts.map((c) => c.name).join(", ")),
  col("ownerId", "deal.fields.owner", TEXT, (d) => d.ownerName ?? d.ownerId),
  field("teamId", "leads.fields.team", TEAM),
  field("lostReason", "deal.fields.lostReason"),
  field("closedAt", "export.columns.closedAt", TIME),
  field("daysInStage", "deal.columns.daysInStage", NUMBER),
  field("tags", "leads.fields.tags", LIST),
  field("createdAt", "deal.fields.createdAt", TIME),
  field("updatedAt", "deal.fields.updatedAt", TIME),
];

export const ACTIVITY_COLUMNS: ExportColumn<Activity>[] = [
  field("id", ID),
  field("type", "export.columns.type", { type: "choice", labels: "activities.type" }),
  field("subject", "activities.form.subject"),
  field("body", "activities.form.body"),
  field("occursAt", "export.columns.occursAt", TIME),
  field("dueAt", "activities.form.dueAt", TIME),
  field("startsAt", "activities.form.startsAt", TIME),
  field("endsAt", "activities.form.endsAt", TIME),
  field("done", "activities.form.done", BOOL),
  field("doneAt", "export.columns.doneAt", TIME),
  col("ownerId", "activities.form.owner", TEXT, (a) => a.ownerName ?? a.ownerId),
  field("teamId", "leads.fields.team", TEAM),
  field("leadId", "export.columns.leadId"),
  field("contactId", "export.columns.contactId"),
  field("companyId", "export.columns.companyId"),
  field("dealId", "export.columns.dealId"),
  field("createdAt", "export.columns.createdAt", TIME),
  field("updatedAt", "export.columns.updatedAt", TIME),
];
