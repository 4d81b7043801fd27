import { domainOfWebsite } from "@domain/companies/company-domain";
import {
  type CompanyIdentity,
  companyDuplicateReasons,
  companyNameKey,
} from "@domain/companies/company-duplicates";
import { companyVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import type { CompanyDuplicate, companyMatchQuery } from "@shared/schemas/duplicates-merge";
import type { z } from "zod";
import { toCompany } from "./company.mapper";
import { getCompany } from "./company.service";
import { findCompanyCandidates } from "./company-duplicates.repository";

/** The longest word of the name's core, the one most likely to pick out the same company. */
const longestWord = (name: string) =>
  companyNameKey(name)
    .split(" ")
    .reduce((a, b) => (b.length > a.length ? b : a), "");

async function duplicatesOf(ctx: ServiceContext, subject: CompanyIdentity, excludeId: string | null) {
  const word = longestWord(subject.name);
  const rows = await findCompanyCandidates(
    ctx.db,
    { domain: subject.domain, nameWord: word.length >= 3 ? word : null, excludeId },
    companyVisibility(ctx),
  );
  const found: CompanyDuplicate[] = [];
  for (const row of rows) {
    const reasons = companyDuplicateReasons(subject, { name: row.name, domain: row.domain });
    if (reasons.length > 0) found.push({ company: toCompany(row, ctx.actor), reasons });
  }
  return { data: found };
}

/** Visible companies that look like this one (same website domain or same name). */
export async function findCompanyDuplicates(ctx: ServiceContext, id: string) {
  const company = await getCompany(ctx, id);
  return duplicatesOf(ctx, { name: company.name, domain: company.domain }, id);
}

/** Visible companies like the one being typed in (the hint in the create dialog). */
export async function findCompanyMatches(ctx: ServiceContext, query: z.infer<typeof companyMatchQuery>) {
  return duplicatesOf(ctx, { name: query.name ?? "", domain: domainOfWebsite(query.website) }, null);
}
