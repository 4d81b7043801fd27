import { companyPrefill, contactPrefill, dealPrefill } from "@domain/conversion/conversion-plan";
import { can } from "@domain/policy/policy";
import { authorize } from "@server/access/authorize";
import { type Actor, visibleWhere } from "@server/access/permission-gate";
import { assertVisibleCompany } from "@server/access/visible-company";
import type { CustomFieldSource, ServiceContext } from "@server/context";
import type { Tx } from "@server/db/client";
import { contacts, leads } from "@server/db/schema";
import { notFound, ruleViolation } from "@server/errors";
import type { LiveMessage } from "@server/live/live-message";
import { createActivity } from "@server/modules/activities/activity.service";
import { activityChanged, usersTakingPart } from "@server/modules/activities/activity-live";
import { type AuditEntity, audit } from "@server/modules/audit/audit";
import { createCompany } from "@server/modules/companies/company.service";
import { findContactForUpdate } from "@server/modules/contacts/contact.repository";
import { createContact, updateContact } from "@server/modules/contacts/contact.service";
import { definitionsOf } from "@server/modules/custom-fields/record-custom-fields";
import { createDeal } from "@server/modules/deals/create-deal";
import { toLead } from "@server/modules/leads/lead.mapper";
import * as leadRepo from "@server/modules/leads/lead.repository";
import { auditLeadChange } from "@server/modules/leads/lead.service";
import { type CustomFieldValues, carriedCustomValues } from "@shared/custom-field-values";
import { createCompanyBody } from "@shared/schemas/company";
import { createContactBody } from "@shared/schemas/contact";
import type { ConvertLeadInput } from "@shared/schemas/conversion";
import type { Lead } from "@shared/schemas/lead";
import { relinkLeadActivities } from "./conversion.repository";
import { parseMerged, underPath } from "./conversion-errors";
import { mergeIntoCompany, mergeIntoContact } from "./conversion-merge";

export interface ConvertLeadOptions extends ConvertLeadInput {
  actor: Actor;
  leadId: string;
  requestId?: string;
  /** The app's cached custom field definitions (read in the transaction without). */
  customFields?: CustomFieldSource | undefined;
}

/** What the conversion created or linked; the caller publishes `live` after its transaction committed. */
export interface ConvertedLead {
  leadId: string;
  contactId: string;
  companyId: string | null;
  dealId: string | null;
  appointmentId: string | null;
  live: LiveMessage[];
}

/**
 * Converts one lead inside the caller's transaction (PRODUCT.md "Conversion"): locks the lead, creates
 * or links the contact and company (the contact works at the company), optionally a deal with the
 * contact as primary and the lead as source, optionally an appointment, marks the lead converted with
 * its links, re-links the lead's activities and audits every record. Any failure throws, and the
 * caller's transaction leaves nothing behind. 409 when the lead is already converted (also when a
 * parallel conversion won the lock), 422 for a closed lead.
 */
export async function convertLead(options: ConvertLeadOptions, tx: Tx): Promise<ConvertedLead> {
  const { actor, leadId } = options;
  const ctx: ServiceContext = {
    db: tx,
    actor,
    requestId: options.requestId ?? "",
    ...(options.customFields && { customFields: options.customFields }),
  };
  const leadRow = await leadRepo.findLeadForUpdate(tx, leadId, visibleWhere(actor, "lead", leads));
  if (!leadRow) throw notFound("lead_not_found");
  authorize(ctx, "lead.convert", leadRow);
  const lead = toLead(leadRow, actor);
  // New records go into the lead's team when the caller may put them there, else into the caller's.
  const teamId = can(actor, "record.set_team", leadRow) ? (leadRow.teamId ?? undefined) : undefined;
  const ownerId = lead.ownerId ?? actor.id;
  // The lead's custom values go to the new records' fields of the same key (#20), in this transaction.
  const carried = await carriedValuesOf(ctx, tx, lead.customFields);

  const company = options.company
    ? await resolveCompany(ctx, lead, options.company, teamId, carried.company)
    : null;
  const contact = await resolveContact(
    ctx,
    lead,
    options.contact,
    company?.id ?? null,
    teamId,
    carried.contact,
  );
  // What the user chose to take from the lead into the existing records (the schema allows `merge`
  // only beside `existingId`), in this same transaction.
  if (options.merge?.company && company) await mergeIntoCompany(ctx, lead, company.id, options.merge.company);
  if (options.merge?.contact) await mergeIntoContact(ctx, lead, contact.id, options.merge.contact);

  const made = { contactId: contact.id, companyId: company?.id ?? null };
  const deal = options.deal
    ? await underPath("deal", () =>
        createConvertedDeal(ctx, tx, lead, options.deal ?? {}, made, ownerId, carried.deal),
      )
    : null;
  const appointment = options.appointment
    ? await underPath("appointment", () =>
        createConvertedAppointment(ctx, lead, options.appointment ?? null, {
          ...made,
          dealId: deal?.id ?? null,
          contactName: contact.name,
          ownerId,
        }),
      )
    : null;

  const links = { contactId: contact.id, companyId: company?.id ?? null, dealId: deal?.id ?? null };
  const converted = await leadRepo.updateLeadRow(tx, leadId, {
    status: "converted",
    convertedAt: new Date(),
    convertedContactId: links.contactId,
    convertedCompanyId: links.companyId,
    convertedDealId: links.dealId,
    // The lead is now about the contact and company it became (they list it among their leads).
    contactId: leadRow.contactId ?? links.contactId,
    companyId: leadRow.companyId ?? links.companyId,
  });
  await auditLeadChange(tx, ctx, leadRow, converted, {});
  const relinked = await relinkLeadActivities(tx, leadId, links);
  await auditConversion(ctx, lead, { ...links, appointmentId: appointment?.id ?? null, relinked });

  return {
    leadId,
    ...links,
    appointmentId: appointment?.id ?? null,
    // The new deal reaches the board; the appointment reaches My work, calendars and deal cards.
    live: [
      ...(deal ? [deal.live] : []),
      ...(appointment
        ? [activityChanged({ ...appointment, participantUserIds: usersTakingPart(appointment) })]
        : []),
    ],
  };
}

type DealChoice = NonNullable<ConvertLeadInput["deal"]>;

/** The deal: the prefill where the request is silent, the contact as primary, the lead as source. */
function createConvertedDeal(
  ctx: ServiceContext,
  tx: Tx,
  lead: Lead,
  input: DealChoice,
  made: { contactId: string; companyId: string | null },
  ownerId: string,
  customFields: CustomFieldValues,
) {
  const prefill = dealPrefill(lead, null);
  const given = <K extends keyof DealChoice>(key: K, fallback: DealChoice[K]) =>
    input[key] === undefined ? fallback : input[key];
  return createDeal(
    {
      actor: ctx.actor,
      input: {
        title: input.title ?? prefill.title,
        pipelineId: input.pipelineId,
        stageId: input.stageId,
        amount: given("amount", prefill.amount),
        expectedCloseDate: given("expectedCloseDate", prefill.expectedCloseDate),
        companyId: made.companyId,
        contacts: [{ contactId: made.contactId, isPrimary: true }],
        ownerId: given("ownerId", ownerId),
        description: prefill.description,
        customFields,
      },
      sourceLeadId: lead.id,
      requestId: ctx.requestId,
      customFields: ctx.customFields,
    },
    tx,
  );
}

/** The follow-up meeting or call with the new contact, owned by the lead's owner (else the caller). */
async function createConvertedAppointment(
  ctx: ServiceContext,
  lead: Lead,
  input: ConvertLeadInput["appointment"],
  links: {
    contactId: string;
    companyId: string | null;
    dealId: string | null;
    contactName: string;
    ownerId: string;
  },
) {
  if (!input) return null;
  return createActivity(ctx, {
    type: input.type,
    subject: input.subject ?? (dealPrefill(lead, null).title || links.contactName),
    body: input.body ?? null,
    startsAt: input.startsAt,
    endsAt: input.endsAt ?? null,
    ownerId: links.ownerId,
    contactId: links.contactId,
    companyId: links.companyId,
    dealId: links.dealId,
  });
}

/** One `lead.converted` entry on the lead and on each record it became, so every timeline tells it. */
async function auditConversion(
  ctx: ServiceContext,
  lead: Lead,
  made: {
    contactId: string;
    companyId: string | null;
    dealId: string | null;
    appointmentId: string | null;
    relinked: number;
  },
) {
  const leadName = [lead.firstName, lead.lastName].filter(Boolean).join(" ") || lead.companyName || null;
  const changes = { leadId: lead.id, leadName, ...made };
  const records: [AuditEntity, string | null][] = [
    ["lead", lead.id],
    ["contact", made.contactId],
    ["company", made.companyId],
    ["deal", made.dealId],
  ];
  for (const [entity, id] of records) {
    if (id) await audit(ctx.db, ctx, "lead.converted", { entity, id }, changes);
  }
}

async function resolveCompany(
  ctx: ServiceContext,
  lead: Lead,
  choice: NonNullable<ConvertLeadInput["company"]>,
  teamId: string | undefined,
  customFields: CustomFieldValues,
): Promise<{ id: string; name: string }> {
  if ("existingId" in choice) {
    const name = await assertVisibleCompany(ctx, ctx.db, choice.existingId, "company.existingId");
    return { id: choice.existingId, name };
  }
  const prefill = companyPrefill(lead);
  const input = parseMerged(
    createCompanyBody,
    withoutNulls({
      ...prefill,
      ownerId: prefill.ownerId ?? undefined,
      teamId,
      ...choice.create,
      customFields: { ...customFields, ...choice.create.customFields },
    }),
    "company.create",
  );
  const created = await underPath("company.create", () => createCompany(ctx, input));
  return { id: created.id, name: created.name };
}

async function resolveContact(
  ctx: ServiceContext,
  lead: Lead,
  choice: ConvertLeadInput["contact"],
  companyId: string | null,
  teamId: string | undefined,
  customFields: CustomFieldValues,
): Promise<{ id: string; name: string }> {
  if ("existingId" in choice) {
    const row = await findContactForUpdate(
      ctx.db,
      choice.existingId,
      visibleWhere(ctx.actor, "contact", contacts),
    );
    if (!row) throw ruleViolation("contact_not_visible").at("contact.existingId");
    // A contact without a company now works at the chosen one; one at another company keeps it
    // (changing where a person works is a deliberate edit, the deal still names the company).
    if (companyId && !row.companyId)
      await underPath("contact", () => updateContact(ctx, row.id, { companyId }));
    return { id: row.id, name: [row.firstName, row.lastName].filter(Boolean).join(" ") };
  }
  const prefill = contactPrefill(lead);
  const input = parseMerged(
    createContactBody,
    withoutNulls({
      ...prefill,
      ownerId: prefill.ownerId ?? undefined,
      teamId,
      ...choice.create,
      companyId,
      customFields: { ...customFields, ...choice.create.customFields },
    }),
    "contact.create",
  );
  const created = await underPath("contact.create", () => createContact(ctx, input));
  return { id: created.id, name: [created.firstName, created.lastName].filter(Boolean).join(" ") };
}

/**
 * The lead's custom values each new record takes: under the same key, where the target's field
 * accepts the value (a compatible type). Linked existing records keep their own values.
 */
async function carriedValuesOf(ctx: ServiceContext, tx: Tx, values: Record<string, unknown>) {
  const carry = async (entity: "contact" | "company" | "deal") =>
    carriedCustomValues(values, await definitionsOf(ctx, tx, entity));
  return { contact: await carry("contact"), company: await carry("company"), deal: await carry("deal") };
}

/** Prefilled nulls are left out (a null last name must read as missing, not as an explicit null). */
function withoutNulls(value: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined));
}
