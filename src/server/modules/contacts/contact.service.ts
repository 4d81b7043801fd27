import { applyPrimaryShortcut, primaryValue, sameDigits, sameEmail } from "@domain/contacts/contact-points";
import { visibleWhere } from "@server/access/permission-gate";
import {
  assertAllowedTeam,
  assertAssignableOwner,
  assertCurrentVersion,
  assertOwnershipChange,
} from "@server/access/record-guards";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { decodeSortedCursor, toPage } from "@server/db/keyset";
import { contacts } from "@server/db/schema";
import { notFound } from "@server/errors";
import { recordAudit } from "@server/modules/audit/audit.repository";
import { fieldChanges } from "@server/modules/audit/audit-diff";
import { findVisibleCompanyName } from "@server/modules/companies/company.repository";
import { assertVisibleCompany, companyVisibility } from "@server/modules/companies/company.service";
import { normalizePhone } from "@server/modules/leads/lead-rules";
import type { ContactListQuery, CreateContactInput, UpdateContactInput } from "@shared/schemas/contact";
import { contactPointsOf, toContact } from "./contact.mapper";
import * as repo from "./contact.repository";

export const contactVisibility = (ctx: ServiceContext) => visibleWhere(ctx.actor, "contact", contacts);

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
  const { emails, phones, email, phone, marketingConsent, ...plain } = input;
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
  return toContact(view.row, view.companyName);
}

export async function listContacts(ctx: ServiceContext, query: ContactListQuery) {
  const where = [contactVisibility(ctx), ...repo.contactFilters(query, ctx.actor.id)];
  const cursor = query.cursor ? decodeSortedCursor(query.cursor, query.sort) : null;
  const rows = await repo.listContactRows(ctx.db, {
    where,
    companyVisible: companyVisibility(ctx),
    sort: query.sort,
    cursor,
    limit: query.limit,
  });
  const page = toPage(rows, query.limit, (r) => [query.sort, r.sortKey, r.row.id]);
  return { data: page.data.map((r) => toContact(r.row, r.companyName)), nextCursor: page.nextCursor };
}

export async function createContact(ctx: ServiceContext, input: CreateContactInput) {
  const teamId = input.teamId ?? ctx.actor.teamId;
  assertAllowedTeam(ctx.actor, teamId);
  const ownerId = input.ownerId === undefined ? ctx.actor.id : input.ownerId;
  return ctx.db.transaction(async (tx) => {
    if (input.ownerId) await assertAssignableOwner(tx, ctx.actor, input.ownerId);
    const companyName = input.companyId
      ? await assertVisibleCompany(ctx, tx, input.companyId, "companyId")
      : null;
    const row = await repo.insertContact(tx, {
      ...columnsFrom(input, NEW_CONTACT),
      lastName: input.lastName,
      tags: input.tags ?? [],
      teamId,
      ownerId,
      createdBy: ctx.actor.id,
    });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "contact.created",
      entityType: "contact",
      entityId: row.id,
      changes: { ownerId: row.ownerId, teamId: row.teamId, companyId: row.companyId },
      requestId: ctx.requestId,
    });
    return toContact(row, companyName);
  });
}

const AUDITED_FIELDS = [
  "salutation",
  "title",
  "firstName",
  "lastName",
  "companyId",
  "jobTitle",
  "department",
  "emails",
  "phones",
  "addresses",
  "birthday",
  "leadSource",
  "ownerId",
  "teamId",
  "description",
  "tags",
  "marketingConsent",
  "consentSource",
  "consentAt",
] as const;

export async function updateContact(ctx: ServiceContext, id: string, input: UpdateContactInput) {
  return ctx.db.transaction(async (tx) => {
    const current = await repo.findContactForUpdate(tx, id, contactVisibility(ctx));
    if (!current) throw notFound("contact_not_found");
    assertCurrentVersion("contact", current, input.version);
    const { version: _v, ...fields } = input;
    await assertOwnershipChange(tx, ctx.actor, current, fields);
    // Only a new link is checked: re-sending a company that has since become invisible is no change.
    if (fields.companyId && fields.companyId !== current.companyId)
      await assertVisibleCompany(ctx, tx, fields.companyId, "companyId");
    const row = await repo.updateContactRow(tx, id, columnsFrom(fields, current));
    const changes = fieldChanges(current, row, AUDITED_FIELDS);
    if (Object.keys(changes).length > 0) {
      await recordAudit(tx, {
        actorId: ctx.actor.id,
        action: "contact.updated",
        entityType: "contact",
        entityId: id,
        changes,
        requestId: ctx.requestId,
      });
    }
    return toContact(row, await companyNameOf(ctx, tx, row.companyId));
  });
}

/** Soft delete; deals, leads and activities keep their link, so a restore loses nothing. */
export async function deleteContact(ctx: ServiceContext, id: string) {
  await ctx.db.transaction(async (tx) => {
    const current = await repo.findContactForUpdate(tx, id, contactVisibility(ctx));
    if (!current) throw notFound("contact_not_found");
    await repo.updateContactRow(tx, id, { deletedAt: new Date() });
    await recordAudit(tx, {
      actorId: ctx.actor.id,
      action: "contact.deleted",
      entityType: "contact",
      entityId: id,
      requestId: ctx.requestId,
    });
  });
}
