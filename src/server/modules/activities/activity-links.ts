import { visibleWhere } from "@server/access/permission-gate";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { companies, contacts, deals, leads } from "@server/db/schema";
import { ruleViolation } from "@server/errors";
import { and, eq } from "drizzle-orm";
import * as repo from "./activity.repository";

export interface ActivityLinkInput {
  leadId?: string | null | undefined;
  contactId?: string | null | undefined;
  companyId?: string | null | undefined;
  dealId?: string | null | undefined;
}

/** Every linked record must be visible to the caller; an invisible one is reported like a missing one. */
export async function assertLinks(ctx: ServiceContext, db: DbOrTx, input: ActivityLinkInput) {
  const checks = [
    {
      id: input.leadId,
      path: "leadId",
      visible: (id: string) =>
        db
          .select({ id: leads.id })
          .from(leads)
          .where(and(eq(leads.id, id), visibleWhere(ctx.actor, "lead", leads))),
    },
    {
      id: input.contactId,
      path: "contactId",
      visible: (id: string) =>
        db
          .select({ id: contacts.id })
          .from(contacts)
          .where(and(eq(contacts.id, id), visibleWhere(ctx.actor, "contact", contacts))),
    },
    {
      id: input.companyId,
      path: "companyId",
      visible: (id: string) =>
        db
          .select({ id: companies.id })
          .from(companies)
          .where(and(eq(companies.id, id), visibleWhere(ctx.actor, "company", companies))),
    },
    {
      id: input.dealId,
      path: "dealId",
      visible: (id: string) =>
        db
          .select({ id: deals.id })
          .from(deals)
          .where(and(eq(deals.id, id), visibleWhere(ctx.actor, "deal", deals))),
    },
  ];
  for (const check of checks) {
    if (check.id && (await check.visible(check.id)).length === 0) {
      throw ruleViolation("record_not_visible").at(check.path);
    }
  }
}

/**
 * Newly added participants must be active users and contacts the caller can see. Those the activity
 * already has are kept as they are (like links): a contact out of the editor's sight, or a user
 * deactivated since, does not block an edit that sends the list back unchanged.
 */
export async function assertParticipants(
  ctx: ServiceContext,
  db: DbOrTx,
  input: { participantUserIds?: string[] | undefined; participantContactIds?: string[] | undefined },
  current: { userIds: ReadonlySet<string>; contactIds: ReadonlySet<string> } = {
    userIds: new Set(),
    contactIds: new Set(),
  },
) {
  const userIds = [...new Set(input.participantUserIds ?? [])];
  const addedUsers = userIds.filter((id) => !current.userIds.has(id));
  const activeUsers = await repo.activeUserIds(db, addedUsers);
  const badUser = userIds.findIndex((id) => !current.userIds.has(id) && !activeUsers.has(id));
  if (badUser >= 0) throw ruleViolation("user_unknown").at(`participantUserIds.${badUser}`);
  const contactIds = [...new Set(input.participantContactIds ?? [])];
  const addedContacts = contactIds.filter((id) => !current.contactIds.has(id));
  const visible = await repo.visibleContactIds(
    db,
    addedContacts,
    visibleWhere(ctx.actor, "contact", contacts),
  );
  const badContact = contactIds.findIndex((id) => !current.contactIds.has(id) && !visible.has(id));
  if (badContact >= 0) throw ruleViolation("contact_not_visible").at(`participantContactIds.${badContact}`);
  return { userIds, contactIds };
}
