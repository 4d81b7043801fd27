import { domainOfWebsite } from "@domain/companies/company-domain";
import { COMPANY_AUDITED_FIELDS, COMPANY_MERGE_FIELDS } from "@domain/companies/company-fields";
import { type MergeableCompany, planCompanyMerge } from "@domain/companies/company-merge";
import { pickFields } from "@domain/pick-fields";
import { authorize } from "@server/access/authorize";
import { assertCurrentVersion, assertOwnershipChange } from "@server/access/record-guards";
import { companyVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { AppError, notFound } from "@server/errors";
import { softDeleteMerged } from "@server/modules/audit/soft-delete";
import type { companyMergeBody } from "@shared/schemas/duplicates-merge";
import type { z } from "zod";
import { toCompany } from "./company.mapper";
import * as repo from "./company.repository";
import { getCompany } from "./company.service";
import { findCompanyMergedInto, moveCompanyLinks, repointMergedInto } from "./company-merge.repository";

type MergeInput = z.infer<typeof companyMergeBody>;

const mergeable = (row: repo.CompanyRow): MergeableCompany => ({ ...row });

/** Both rows locked in id order, so two merges over the same pair queue instead of deadlocking. */
async function lockPair(ctx: ServiceContext, tx: DbOrTx, survivorId: string, loserId: string) {
  const rows = new Map<string, repo.CompanyRow>();
  for (const id of [survivorId, loserId].sort()) {
    const row = await repo.findCompanyForUpdate(tx, id, companyVisibility(ctx));
    if (row) rows.set(id, row);
  }
  const survivor = rows.get(survivorId);
  const loser = rows.get(loserId);
  if (!survivor || !loser) throw notFound("company_not_found");
  return { survivor, loser };
}

/**
 * Merges the loser into the survivor in one transaction: the survivor takes the chosen values (see
 * `planCompanyMerge`), every contact, lead (also as converted company), deal, activity and
 * subsidiary moves to it, and the loser is soft-deleted with `merged_into_id`. Both audit logs
 * record the merge.
 */
export async function mergeCompanies(ctx: ServiceContext, input: MergeInput) {
  return ctx.db.transaction(async (tx) => {
    const { survivor, loser } = await lockPair(ctx, tx, input.survivorId, input.loserId);
    // A merge edits the survivor and deletes the loser: both by the matrix's scopes.
    authorize(ctx, "company.update", survivor);
    authorize(ctx, "company.delete", loser);
    assertCurrentVersion("company", survivor, input.version);
    const plan = planCompanyMerge(mergeable(survivor), mergeable(loser), input.fields);
    await assertOwnershipChange(tx, ctx.actor, "company", survivor, { ownerId: plan.ownerId });
    // A parent taken from the loser must not make the survivor its own ancestor.
    if (
      plan.parentCompanyId &&
      plan.parentCompanyId !== survivor.parentCompanyId &&
      (await repo.wouldCloseLoop(tx, survivor.id, plan.parentCompanyId))
    )
      plan.parentCompanyId = null;

    const moved = await moveCompanyLinks(tx, loser.id, survivor.id);
    await repointMergedInto(tx, loser.id, survivor.id);
    const row = await repo.updateCompanyRow(tx, survivor.id, {
      ...pickFields(plan, COMPANY_MERGE_FIELDS),
      domain: domainOfWebsite(plan.website),
      tags: plan.tags,
    });
    const merge = { survivor, merged: row, loser, choices: input.fields, moved };
    await softDeleteMerged(tx, ctx, "company", merge, COMPANY_AUDITED_FIELDS);
    return { company: toCompany(row, ctx.actor), moved };
  });
}

/**
 * One company, or for a company merged away the survivor's id (GET answers 308 to it), when the
 * caller may see the survivor. 404 otherwise.
 */
export async function getCompanyOrSurvivor<T>(
  ctx: ServiceContext,
  id: string,
  read: (id: string) => Promise<T>,
) {
  try {
    return { found: await read(id) };
  } catch (error) {
    if (!(error instanceof AppError && error.code === "not_found")) throw error;
    const survivorId = await findCompanyMergedInto(ctx.db, id);
    if (!survivorId) throw error;
    await getCompany(ctx, survivorId); // 404 when the survivor is not visible either
    return { survivorId };
  }
}
