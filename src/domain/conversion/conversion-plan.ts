/**
 * The conversion plan (PRODUCT.md "Conversion"): what the new contact, company and deal are prefilled
 * with, from the lead. Pure; the server fills in what a request leaves out, and the dialog shows the
 * same prefill so that the user edits exactly what the server would create.
 */
import type { Formality } from "@domain/contacts/letter-salutation";
import type { Lead } from "@shared/schemas/lead";

export interface PlanPoint<T extends string> {
  value: string;
  type: T;
  primary: boolean;
}
export interface PlanAddress {
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
}
export interface PlanMoney {
  amount: string;
  currency: string;
}

export interface ContactPrefill {
  salutation: string | null;
  title: string | null;
  formality: Formality;
  firstName: string | null;
  lastName: string | null;
  jobTitle: string | null;
  department: string | null;
  emails: PlanPoint<"work">[];
  phones: PlanPoint<"work" | "mobile">[];
  addresses: (PlanAddress & { type: "other" })[];
  leadSource: Lead["source"];
  description: string | null;
  ownerId: string | null;
  tags: string[];
}

export interface CompanyPrefill {
  name: string | null;
  website: string | null;
  phone: string | null;
  billingAddress: PlanAddress | null;
  ownerId: string | null;
}

export interface DealPrefill {
  title: string;
  amount: PlanMoney | null;
  pipelineId: string | null;
  stageId: string | null;
  expectedCloseDate: string | null;
  ownerId: string | null;
  sourceLeadId: string;
  description: string | null;
}

export interface ConversionPrefill {
  contact: ContactPrefill;
  company: CompanyPrefill;
  deal: DealPrefill;
}

/** A pipeline as far as the plan needs it: its stages in any order. */
export interface PlanPipeline {
  id: string;
  stages: { id: string; position: number }[];
}

/**
 * Where each lead field goes: dotted target paths in the prefill, or null with the reason it has no
 * counterpart. Typed over every lead field, so a new lead field does not compile until it is placed
 * here; the unit test checks that each listed target really receives the value.
 */
export const LEAD_FIELD_TARGETS: Record<keyof Lead, readonly string[] | { none: string }> = {
  id: ["deal.sourceLeadId"],
  externalId: { none: "the lead's id in another system; the new records get their own" },
  source: ["contact.leadSource"],
  sourceDetail: ["contact.description", "deal.description"],
  salutation: ["contact.salutation"],
  title: ["contact.title"],
  formality: ["contact.formality"],
  firstName: ["contact.firstName"],
  lastName: ["contact.lastName"],
  companyName: ["company.name", "deal.title"],
  jobTitle: ["contact.jobTitle"],
  department: ["contact.department"],
  email: ["contact.emails"],
  phone: ["contact.phones", "company.phone"],
  mobile: ["contact.phones"],
  website: ["company.website"],
  street: ["contact.addresses", "company.billingAddress"],
  postalCode: ["contact.addresses", "company.billingAddress"],
  city: ["contact.addresses", "company.billingAddress"],
  country: ["contact.addresses", "company.billingAddress"],
  interest: ["deal.title", "deal.description"],
  estimatedValue: ["deal.amount"],
  ownerId: ["contact.ownerId", "company.ownerId", "deal.ownerId"],
  tags: ["contact.tags"],
  customFields: {
    none: "carried by the server to the contact's, company's and deal's fields of the same key and type (carry-custom-fields.ts)",
  },
  bant: ["deal.amount", "deal.expectedCloseDate", "deal.description"],
  teamId: { none: "the new records go into the lead's team when the caller may put them there" },
  contactId: { none: "chooses the existing contact to link instead of creating one" },
  companyId: { none: "chooses the existing company to link instead of creating one" },
  version: { none: "the lead's own concurrency counter" },
  status: { none: "the lead's own working state; becomes converted" },
  lifecycleStage: { none: "marketing qualification of the lead; the funnel reads it from the lead" },
  bantQualified: { none: "derived from bant" },
  score: { none: "lead scoring only" },
  scoreReasons: { none: "lead scoring only" },
  lifecycleTimes: { none: "funnel history of the lead" },
  assignedAt: { none: "history of the lead" },
  lastActivityAt: { none: "the activities themselves are re-linked to the new records" },
  createdAt: { none: "history of the lead" },
  updatedAt: { none: "history of the lead" },
  convertedAt: { none: "set by the conversion" },
  convertedContactId: { none: "set by the conversion" },
  convertedCompanyId: { none: "set by the conversion" },
  convertedDealId: { none: "set by the conversion" },
  abilities: { none: "what the reader may do, not data of the lead" },
  deadReason: { none: "a closed lead is not converted" },
};

const TITLE_MAX = 200;

function address(lead: Lead): PlanAddress | null {
  const { street, postalCode, city, country } = lead;
  return street || postalCode || city || country ? { street, postalCode, city, country } : null;
}

export const leadPersonName = (lead: Pick<Lead, "firstName" | "lastName">) =>
  [lead.firstName, lead.lastName].filter(Boolean).join(" ");

/** The first line of the interest, shortened at a word boundary. */
function interestHeadline(interest: string | null, room: number): string | null {
  const line = interest?.split(/\r?\n/)[0]?.trim();
  if (!line) return null;
  if (line.length <= room) return line;
  const cut = line.slice(0, room - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > room / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** "Company – interest"; without a company the person's name; without both the interest alone. */
export function dealTitleFor(lead: Lead): string {
  const who = lead.companyName?.trim() || leadPersonName(lead) || lead.email || "";
  const room = TITLE_MAX - who.length - 3;
  const what = interestHeadline(lead.interest, Math.max(room, 20));
  const title = [who, what].filter(Boolean).join(" – ");
  return (title || "Deal").slice(0, TITLE_MAX);
}

/** The BANT budget when it names an amount, else the estimated value. */
export function dealAmountFor(lead: Lead): PlanMoney | null {
  const budget = lead.bant.budget;
  if (budget.amount) return { amount: budget.amount, currency: budget.currency ?? "EUR" };
  return lead.estimatedValue ? { ...lead.estimatedValue } : null;
}

/** The first stage (lowest position) of the pipeline. */
export function firstStageOf(pipeline: PlanPipeline | null): string | null {
  if (!pipeline || pipeline.stages.length === 0) return null;
  return [...pipeline.stages].sort((a, b) => a.position - b.position)[0]?.id ?? null;
}

function dealDescription(lead: Lead): string | null {
  const parts = [lead.interest?.trim(), lead.bant.need.detail?.trim(), lead.sourceDetail?.trim()];
  const text = parts.filter((p): p is string => Boolean(p)).join("\n\n");
  return text || null;
}

export function contactPrefill(lead: Lead): ContactPrefill {
  const phones: PlanPoint<"work" | "mobile">[] = [];
  if (lead.phone) phones.push({ value: lead.phone, type: "work", primary: true });
  if (lead.mobile) phones.push({ value: lead.mobile, type: "mobile", primary: phones.length === 0 });
  const place = address(lead);
  return {
    salutation: lead.salutation,
    title: lead.title,
    formality: lead.formality,
    firstName: lead.firstName,
    lastName: lead.lastName,
    jobTitle: lead.jobTitle,
    department: lead.department,
    emails: lead.email ? [{ value: lead.email, type: "work", primary: true }] : [],
    phones,
    addresses: place ? [{ type: "other", ...place }] : [],
    leadSource: lead.source,
    // Contacts have no source-detail field; the campaign, event or form is kept in the description.
    description: lead.sourceDetail,
    ownerId: lead.ownerId,
    tags: [...lead.tags],
  };
}

export function companyPrefill(lead: Lead): CompanyPrefill {
  return {
    name: lead.companyName,
    website: lead.website,
    phone: lead.phone,
    billingAddress: address(lead),
    ownerId: lead.ownerId,
  };
}

export function dealPrefill(lead: Lead, pipeline: PlanPipeline | null): DealPrefill {
  return {
    title: dealTitleFor(lead),
    amount: dealAmountFor(lead),
    pipelineId: pipeline?.id ?? null,
    stageId: firstStageOf(pipeline),
    expectedCloseDate: lead.bant.timeline.date ?? null,
    ownerId: lead.ownerId,
    sourceLeadId: lead.id,
    description: dealDescription(lead),
  };
}

/** The whole prefill; `pipeline` is the default pipeline (or null when there is none yet). */
export function conversionPrefill(lead: Lead, pipeline: PlanPipeline | null): ConversionPrefill {
  return { contact: contactPrefill(lead), company: companyPrefill(lead), deal: dealPrefill(lead, pipeline) };
}
