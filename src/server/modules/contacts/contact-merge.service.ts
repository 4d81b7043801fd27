import { CONTACT_AUDITED_FIELDS, CONTACT_SCALAR_FIELDS } from "@domain/contacts/contact-fields";
import {
  type MergeableContact,
  planContactMerge,
  planDealContactMoves,
} from "@domain/contacts/contact-merge";
import { primaryValue } from "@domain/contacts/contact-points";
import { normalizePhone } from "@domain/phone-number";
import { pickFields } from "@domain/pick-fields";
import { authorize } from "@server/access/authorize";
import { assertCurrentVersion, assertOwnershipChange } from "@server/access/record-guards";
import { companyVisibility, contactVisibility } from "@server/access/record-visibility";
import { findVisibleCompanyName } from "@server/access/visible-company";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { AppError, notFound } from "@server/errors";
import { softDeleteMerged } from "@server/modules/audit/soft-delete";
import type { contactMergeBody } from "@shared/schemas/duplicates-merge";
import type { z } from "zod";
import { toContact } from "./contact.mapper";
import * as repo from "./contact.repository";
import { getContact } from "./contact.service";
import { dealContactLinks, moveContactLinks, repointMergedContacts } from "./contact-merge.repository";

type MergeInput = z.infer<typeof contactMergeBody>;

const mergeable = (ctx: ServiceContext, row: repo.ContactRow): MergeableContact =>
  toContact(row, null, ctx.actor);

/** Both rows locked in id order, so two merges over the same pair queue instead of deadlocking. */
async function lockPair(ctx: ServiceContext, tx: DbOrTx, survivorId: string, loserId: string) {
  const visible = contactVisibility(ctx);
  const rows = new Map<string, repo.ContactRow>();
  for (const id of [survivorId, loserId].sort()) {
    const row = await repo.findContactForUpdate(tx, id, visible);
    if (row) rows.set(id, row);
  }
  const survivor = rows.get(survivorId);
  const loser = rows.get(loserId);
  if (!survivor || !loser) throw notFound("contact_not_found");
  return { survivor, loser };
}

/**
 * Merges the loser into the survivor in one transaction: the survivor takes the chosen values (see
 * `planContactMerge`), every lead (also as converted contact), deal link, activity and participation
 * moves to it, and the loser is soft-deleted with `merged_into_id`, so a GET of it can point to the
 * survivor. Both records' audit logs record the merge.
 */
export async function mergeContacts(ctx: ServiceContext, input: MergeInput) {
  return ctx.db.transaction(async (tx) => {
    const { survivor, loser } = await lockPair(ctx, tx, input.survivorId, input.loserId);
    // A merge edits the survivor and deletes the loser: both by the matrix's scopes.
    authorize(ctx, "contact.update", survivor);
    authorize(ctx, "contact.delete", loser);
    assertCurrentVersion("contact", survivor, input.version);
    const plan = planContactMerge(mergeable(ctx, survivor), mergeable(ctx, loser), input.fields);
    await assertOwnershipChange(tx, ctx.actor, "contact", survivor, { ownerId: plan.ownerId });

    const links = await dealContactLinks(tx, [survivor.id, loser.id]);
    const moved = await moveContactLinks(
      tx,
      loser.id,
      survivor.id,
      planDealContactMoves(links, survivor.id, loser.id),
    );
    await repointMergedContacts(tx, loser.id, survivor.id);

    const phone = primaryValue(plan.phones);
    const row = await repo.updateContactRow(tx, survivor.id, {
      ...pickFields(plan, CONTACT_SCALAR_FIELDS),
      emails: plan.emails,
      email: primaryValue(plan.emails),
      phones: plan.phones,
      phone,
      phoneNormalized: normalizePhone(phone),
      addresses: plan.addresses,
      tags: plan.tags,
      ...(input.fields.marketingConsent === "loser"
        ? {
            marketingConsent: plan.marketingConsent.given,
            consentSource: plan.marketingConsent.source,
            consentAt: plan.marketingConsent.at ? new Date(plan.marketingConsent.at) : null,
          }
        : {}),
    });
    const merge = { survivor, merged: row, loser, choices: input.fields, moved };
    await softDeleteMerged(tx, ctx, "contact", merge, CONTACT_AUDITED_FIELDS);
    const companyName = row.companyId
      ? ((await findVisibleCompanyName(tx, row.companyId, companyVisibility(ctx))) ?? null)
      : null;
    return { contact: toContact(row, companyName, ctx.actor), moved };
  });
}

/** Where a merged-away contact went, if the caller may see the survivor; for GET's redirect. */
export async function mergedContactTarget(ctx: ServiceContext, id: string): Promise<string | null> {
  const target = await repo.findMergedInto(ctx.db, id);
  if (!target) return null;
  const visible = await repo.findContact(ctx.db, target, contactVisibility(ctx), companyVisibility(ctx));
  return visible ? target : null;
}

/**
 * One contact, or for a contact merged away the survivor's id (GET answers 308 to it), so old links
 * and bookmarks keep working. 404 when neither is visible.
 */
export async function getContactOrSurvivor(ctx: ServiceContext, id: string) {
  try {
    return { contact: await getContact(ctx, id) };
  } catch (error) {
    const survivorId =
      error instanceof AppError && error.code === "not_found" ? await mergedContactTarget(ctx, id) : null;
    if (!survivorId) throw error;
    return { survivorId };
  }
}
