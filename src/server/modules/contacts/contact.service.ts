import { CONTACT_AUDITED_FIELDS } from "@domain/contacts/contact-fields";
import { applyPrimaryShortcut, primaryValue, sameDigits, sameEmail } from "@domain/contacts/contact-points";
import { normalizePhone } from "@domain/phone-number";
import { pickFields } from "@domain/pick-fields";
import { authorize } from "@server/access/authorize";
import { visibleWhere } from "@server/access/permission-gate";
import {
  assertAllowedTeam,
  assertAssignableOwner,
  assertCurrentVersion,
  assertOwnershipChange,
  ownerTheCreatorSees,
} from "@server/access/record-guards";
import { companyVisibility, contactVisibility } from "@server/access/record-visibility";
import { assertVisibleCompany, findVisibleCompanyName } from "@server/access/visible-company";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { decodeSortedCursor, toPage } from "@server/db/keyset";
import { activities } from "@server/db/schema";
import { notFound } from "@server/errors";
import { audit, auditUpdate } from "@server/modules/audit/audit";
import { softDelete } from "@server/modules/audit/soft-delete";
import { customFieldListQuery } from "@server/modules/custom-fields/custom-field-query";
import { customFieldsOfWrite } from "@server/modules/custom-fields/record-custom-fields";
import type { ContactListQuery, CreateContactInput, UpdateContactInput } from "@shared/schemas/contact";
import { contactPointsOf, toContact } from "./contact.mapper";
import * as repo from "./contact.repository";
import { contactLastActivities } from "./contact-list.repository";

type ContactFieldInput = Omit<UpdateContactInput, "version">;
type Current = Pick<
  repo.ContactRow,
  "emails" | "phones" | "marketingConsent" | "consentSource" | "consentAt"
>;
const NEW_CONTACT: Current = {
  emails: [],
  phones: [],
  marketingConsent: false,
  consentSource: null,
  consentAt: null,
};

/**
 * Maps the API's fields onto columns, for the keys present in the input only. The primary email and
 * phone are mirrored into their own columns (search, duplicate matching).
 */
function columnsFrom(input: ContactFieldInput, current: Current): Partial<repo.NewContactRow> {
  // Custom values are checked against their definitions first (customFieldsOfWrite), never copied.
  const { emails, phones, email, phone, marketingConsent, customFields: _custom, ...plain } = input;
  const values: Partial<repo.NewContactRow> = { ...plain };
  const stored = contactPointsOf(current);
  if (emails !== undefined || email !== undefined) {
    const list = applyPrimaryShortcut(emails ?? stored.emails, email, "work", sameEmail);
    Object.assign(values, { emails: list, email: primaryValue(list) });
  }
  if (phones !== undefined || phone !== undefined) {
    const list = applyPrimaryShortcut(phones ?? stored.phones, phone, "work", sameDigits);
    const primary = primaryValue(list);
    Object.assign(values, { phones: list, phone: primary, phoneNormalized: normalizePhone(primary) });
  }
  if (marketingConsent) Object.assign(values, consentColumns(marketingConsent, current));
  return values;
}

/** A change of the consent is stamped now and forgets the old source, unless the caller gives them. */
function consentColumns(input: NonNullable<ContactFieldInput["marketingConsent"]>, current: Current) {
  const changed = input.given !== current.marketingConsent;
  let consentSource = changed ? null : current.consentSource;
  if (input.source !== undefined) consentSource = input.source;
  let consentAt = changed ? new Date() : current.consentAt;
  if (input.at) consentAt = new Date(input.at);
  return { marketingConsent: input.given, consentSource, consentAt };
}

async function companyNameOf(ctx: ServiceContext, db: DbOrTx, companyId: string | null) {
  return companyId ? ((await findVisibleCompanyName(db, companyId, companyVisibility(ctx))) ?? null) : null;
}

export async function getContact(ctx: ServiceContext, id: string) {
  const view = await repo.findContact(ctx.db, id, contactVisibility(ctx), companyVisibility(ctx));
  if (!view) throw notFound("contact_not_found");
  return toContact(view.row, view.companyName, ctx.actor);
}

export async function listContacts(ctx: ServiceContext, query: ContactListQuery) {
  const custom = await customFieldListQuery(ctx, "contact", query);
  const where = [contactVisibility(ctx), ...repo.contactFilters(query, ctx.actor.id), ...custom.filters];
  const cursor = query.cursor ? decodeSortedCursor(query.cursor, query.sort) : null;
  const rows = await repo.listContactRows(ctx.db, {
    where,
    companyVisible: companyVisibility(ctx),
    sort: query.sort,
    customSort: custom.sort,
    cursor,
    limit: query.limit,
  });
  const page = toPage(rows, query.limit, (r) => [query.sort, r.sortKey, r.row.id]);
  const lastActivity = await contactLastActivities(
    ctx.db,
    page.data.map((r) => r.row.id),
    visibleWhere(ctx.actor, "activity", activities),
  );
  return {
    data: page.data.map((r) => ({
      ...toContact(r.row, r.companyName, ctx.actor),
      lastActivityAt: lastActivity.get(r.row.id) ?? null,
    })),
    nextCursor: page.nextCursor,
  };
}

export async function createContact(ctx: ServiceContext, input: CreateContactInput) {
  authorize(ctx, "contact.create");
  const teamId = input.teamId ?? ctx.actor.teamId;
  assertAllowedTeam(ctx.actor, teamId);
  // A creator always sees what they created (issue #14): a teamless creator leaving it unowned owns it.
  const ownerId = ownerTheCreatorSees(ctx.actor, "contact", {
    teamId,
    ownerId: input.ownerId === undefined ? ctx.actor.id : input.ownerId,
  });
  return ctx.db.transaction(async (tx) => {
    if (input.ownerId) await assertAssignableOwner(tx, ctx.actor, input.ownerId, "contact");
    const companyName = input.companyId
      ? await assertVisibleCompany(ctx, tx, input.companyId, "companyId")
      : null;
    const customFields = await customFieldsOfWrite(ctx, tx, "contact", input.customFields, {
      creating: true,
    });
    const row = await repo.insertContact(tx, {
      ...columnsFrom(input, NEW_CONTACT),
      lastName: input.lastName,
      tags: input.tags ?? [],
      customFields: customFields ?? {},
      teamId,
      ownerId,
      createdBy: ctx.actor.id,
    });
    await audit(tx, ctx, "contact.created", row, pickFields(row, ["ownerId", "teamId", "companyId"]));
    return toContact(row, companyName, ctx.actor);
  });
}

export async function updateContact(ctx: ServiceContext, id: string, input: UpdateContactInput) {
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findContactForUpdate(tx, id, contactVisibility(ctx));
    if (!current) throw notFound("contact_not_found");
    authorize(ctx, "contact.update", current);
    assertCurrentVersion("contact", current, input.version);
    const { version: _v, ...fields } = input;
    await assertOwnershipChange(tx, ctx.actor, "contact", current, fields);
    // Only a new link is checked: re-sending a company that has since become invisible is no change.
    if (fields.companyId && fields.companyId !== current.companyId)
      await assertVisibleCompany(ctx, tx, fields.companyId, "companyId");
    const customFields = await customFieldsOfWrite(ctx, tx, "contact", fields.customFields, {
      current: current.customFields as Record<string, unknown>,
      creating: false,
    });
    const row = await repo.updateContactRow(tx, id, {
      ...columnsFrom(fields, current),
      ...(customFields && { customFields }),
    });
    await auditUpdate(tx, ctx, "contact.updated", current, row, CONTACT_AUDITED_FIELDS);
    return toContact(row, await companyNameOf(ctx, tx, row.companyId), ctx.actor);
  });
}

/** Soft delete; deals, leads and activities keep their link, so a restore loses nothing. */
export async function deleteContact(ctx: ServiceContext, id: string) {
  await ctx.db.transaction(async (tx) => {
    const current = await repo.findContactForUpdate(tx, id, contactVisibility(ctx));
    if (!current) throw notFound("contact_not_found");
    authorize(ctx, "contact.delete", current);
    await softDelete(tx, ctx, "contact", id);
  });
}
