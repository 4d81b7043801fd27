import type { BulkConversionReason } from "@domain/conversion/conversion-rules";
import { companyReasons, contactReasons, rankByReasons } from "@domain/conversion/conversion-suggestions";
import { authorize } from "@server/access/authorize";
import { visibleWhere } from "@server/access/permission-gate";
import type { ServiceContext } from "@server/context";
import { companies, contacts, leads } from "@server/db/schema";
import { AppError } from "@server/errors";
import type { LiveMessage } from "@server/live/live-message";
import { toLead } from "@server/modules/leads/lead.mapper";
import { findLead } from "@server/modules/leads/lead.repository";
import { msg } from "@shared/message-codes";
import type { BulkConvertInput, BulkConvertResult, ConvertLeadInput } from "@shared/schemas/conversion";
import type { Lead } from "@shared/schemas/lead";
import * as repo from "./conversion.repository";
import { matchKeys } from "./conversion.service";
import { convertLead } from "./convert-lead";

/**
 * Converts several leads, each in its own transaction (one bad lead does not hold back the others),
 * with the prefill as is. Reports what was created per lead and, for the others, a stable reason code.
 */
export async function bulkConvertLeads(
  ctx: ServiceContext,
  input: BulkConvertInput,
): Promise<{ result: BulkConvertResult; live: LiveMessage[] }> {
  authorize(ctx, "lead.convert");
  const result: BulkConvertResult = { converted: [], failed: [] };
  const live: LiveMessage[] = [];
  for (const leadId of [...new Set(input.ids)]) {
    try {
      const done = await ctx.db.transaction(async (tx) => {
        const row = await findLead(tx, leadId, visibleWhere(ctx.actor, "lead", leads));
        const choices = row ? await choicesFor({ ...ctx, db: tx }, toLead(row, ctx.actor), input) : null;
        // Without a visible lead, convertLead answers not found like a single conversion would.
        return convertLead(
          {
            actor: ctx.actor,
            leadId,
            requestId: ctx.requestId,
            customFields: ctx.customFields,
            ...(choices ?? { contact: { create: {} } }),
          },
          tx,
        );
      });
      result.converted.push({
        leadId,
        contactId: done.contactId,
        companyId: done.companyId,
        dealId: done.dealId,
      });
      live.push(...done.live);
    } catch (error) {
      result.failed.push({ leadId, ...reasonOf(error) });
    }
  }
  return { result, live };
}

/** Existing contact by email and company by name or domain when asked to match; otherwise new ones. */
async function choicesFor(
  ctx: ServiceContext,
  lead: Lead,
  input: BulkConvertInput,
): Promise<ConvertLeadInput> {
  const keys = matchKeys(lead);
  let company: ConvertLeadInput["company"] = null;
  if (input.company === "match_or_create") {
    const rows = await repo.companyCandidates(ctx.db, {
      name: lead.companyName,
      domains: keys.domains,
      linkedId: lead.companyId,
      visible: visibleWhere(ctx.actor, "company", companies),
    });
    const linked = rows.find((c) => c.id === lead.companyId);
    const best = linked ?? rankByReasons(rows.map((c) => ({ ...c, reasons: companyReasons(keys, c) })))[0];
    if (best) company = { existingId: best.id };
  }
  if (!company && input.company !== "none" && lead.companyName) company = { create: {} };

  let contact: ConvertLeadInput["contact"] = { create: {} };
  if (input.contact === "match_or_create") {
    const rows = await repo.contactCandidates(ctx.db, {
      email: lead.email,
      phones: [],
      linkedId: lead.contactId,
      companyIds: [],
      visible: visibleWhere(ctx.actor, "contact", contacts),
      companyVisible: visibleWhere(ctx.actor, "company", companies),
    });
    const linked = rows.find((c) => c.id === lead.contactId);
    const byEmail = rows.find((c) => contactReasons(keys, { ...c, emails: [] }).includes("email"));
    const best = linked ?? byEmail;
    if (best) contact = { existingId: best.id };
  }
  return { contact, company, deal: input.deal ?? null, appointment: null };
}

function reasonOf(error: unknown): { reason: BulkConversionReason; message: string; path: string | null } {
  if (!(error instanceof AppError))
    return { reason: "failed", message: msg("conversion_failed"), path: null };
  const path = error.errors?.[0]?.path ?? null;
  const reason = ((): BulkConversionReason => {
    switch (error.code) {
      case "not_found":
        return "not_found";
      case "conflict":
        return "already_converted";
      case "forbidden":
        return "not_allowed";
      case "rule_violation":
        if (path === "status") return "closed";
        if (path === "contact.create.lastName") return "missing_name";
        if (path && /(^|\.)(ownerId|teamId)$/.test(path)) return "not_allowed";
        return "invalid_data";
      default:
        return "failed";
    }
  })();
  return { reason, message: error.message, path };
}
