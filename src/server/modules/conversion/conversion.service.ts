import { domainOfWebsite } from "@domain/companies/company-domain";
import { conversionPrefill } from "@domain/conversion/conversion-plan";
import {
  type CompanyMatchReason,
  type ContactMatchReason,
  companyDomainOfEmail,
  companyReasons,
  contactReasons,
  type LeadMatchKeys,
  nameKey,
  rankByReasons,
} from "@domain/conversion/conversion-suggestions";
import { normalizePhone } from "@domain/phone-number";
import { authorize } from "@server/access/authorize";
import { visibleWhere } from "@server/access/permission-gate";
import type { ServiceContext } from "@server/context";
import { companies, contacts } from "@server/db/schema";
import { notFound } from "@server/errors";
import type { LiveMessage } from "@server/live/live-message";
import { getActivity } from "@server/modules/activities/activity.service";
import { getCompany } from "@server/modules/companies/company.service";
import { getContact } from "@server/modules/contacts/contact.service";
import { getDeal } from "@server/modules/deals/deal.service";
import { getLead } from "@server/modules/leads/lead.service";
import type { ConversionResult, ConversionSuggestions, ConvertLeadInput } from "@shared/schemas/conversion";
import type { Lead } from "@shared/schemas/lead";
import * as repo from "./conversion.repository";
import { companyMergePreview, contactMergePreview } from "./conversion-merge";
import { convertLead } from "./convert-lead";

/** Converts in one transaction, then reads the records back as the caller sees them. */
export async function convertLeadRequest(
  ctx: ServiceContext,
  leadId: string,
  input: ConvertLeadInput,
): Promise<{ result: ConversionResult; live: LiveMessage[] }> {
  authorize(ctx, "lead.convert");
  const done = await ctx.db.transaction((tx) =>
    convertLead(
      { actor: ctx.actor, leadId, requestId: ctx.requestId, customFields: ctx.customFields, ...input },
      tx,
    ),
  );
  const result: ConversionResult = {
    lead: await getLead(ctx, leadId),
    contact: await getContact(ctx, done.contactId),
    company: done.companyId ? await getCompany(ctx, done.companyId) : null,
    deal: done.dealId ? await getDeal(ctx, done.dealId) : null,
    appointment: done.appointmentId ? await getActivity(ctx, done.appointmentId) : null,
  };
  return { result, live: done.live };
}

export function matchKeys(lead: Lead): LeadMatchKeys {
  const phones = [normalizePhone(lead.phone), normalizePhone(lead.mobile)].filter(
    (p): p is string => p !== null,
  );
  const domains = [domainOfWebsite(lead.website), companyDomainOfEmail(lead.email)].filter(
    (d): d is string => d !== null,
  );
  return {
    email: lead.email,
    phones,
    firstName: lead.firstName,
    lastName: lead.lastName,
    companyName: lead.companyName,
    domains: [...new Set(domains)],
  };
}

const SUGGESTION_LIMIT = 10;

/**
 * Existing contacts and companies that look like the lead, each with its reasons, strongest first, and
 * the prefill of a new contact, company and deal. Only records the caller may see are considered.
 */
export async function getConversionSuggestions(
  ctx: ServiceContext,
  leadId: string,
): Promise<ConversionSuggestions> {
  const lead = await getLead(ctx, leadId);
  if (!lead) throw notFound("lead_not_found");
  const keys = matchKeys(lead);
  const companyVisible = visibleWhere(ctx.actor, "company", companies);
  const companyRows = await repo.companyCandidates(ctx.db, {
    name: lead.companyName,
    domains: keys.domains,
    linkedId: lead.companyId,
    visible: companyVisible,
  });
  const companySuggestions = rankByReasons(
    companyRows.map((c) => {
      const reasons: CompanyMatchReason[] = companyReasons(keys, c);
      if (c.id === lead.companyId) reasons.unshift("linked");
      const address = c.billingAddress as { city?: unknown } | null;
      return {
        id: c.id,
        name: c.name,
        domain: c.domain,
        city: typeof address?.city === "string" ? address.city : null,
        reasons,
        merge: companyMergePreview(ctx.actor, lead, c),
      };
    }),
  ).slice(0, SUGGESTION_LIMIT);

  const contactRows = await repo.contactCandidates(ctx.db, {
    email: lead.email,
    phones: keys.phones,
    linkedId: lead.contactId,
    // Contacts of companies that carry the lead's company name: candidates for "same name at same company".
    companyIds: lead.lastName
      ? companyRows.filter((c) => nameKey(c.name) === nameKey(lead.companyName)).map((c) => c.id)
      : [],
    visible: visibleWhere(ctx.actor, "contact", contacts),
    companyVisible,
  });
  const contactSuggestions = rankByReasons(
    contactRows.map((c) => {
      const emails = Array.isArray(c.emails)
        ? c.emails.flatMap((e) => (typeof e?.value === "string" ? [e.value as string] : []))
        : [];
      const reasons: ContactMatchReason[] = contactReasons(keys, { ...c, emails });
      if (c.id === lead.contactId) reasons.unshift("linked");
      return {
        id: c.id,
        name: [c.firstName, c.lastName].filter(Boolean).join(" "),
        email: c.email,
        phone: c.phone,
        companyId: c.companyId,
        companyName: c.companyName,
        reasons,
        merge: contactMergePreview(ctx.actor, lead, c),
      };
    }),
  ).slice(0, SUGGESTION_LIMIT);

  const pipeline = await repo.defaultPipelineWithStages(ctx.db);
  return {
    contacts: contactSuggestions,
    companies: companySuggestions,
    prefill: conversionPrefill(lead, pipeline),
  };
}
