import { visibleWhere } from "@server/access/permission-gate";
import type { ServiceContext } from "@server/context";
import type { DbOrTx, Tx } from "@server/db/client";
import { companies, contacts } from "@server/db/schema";
import { createCompany } from "@server/modules/companies/company.service";
import { createContact } from "@server/modules/contacts/contact.service";
import { contactHasAnyEmail, emailKey } from "@server/modules/contacts/contact-email-keys";
import { and, inArray, sql } from "drizzle-orm";

/**
 * The company or contact a row names (a deal's, a contact's company): by external id, email (contacts)
 * or name, in that order of trust. `creatable` when the row gives enough to create it (a name).
 */
export interface LinkRef {
  entity: "company" | "contact";
  /** The first field of the row that names it: its column is named in an error. */
  field: string;
  /** How the dry run names a record to be created. */
  label: string;
  name?: string | undefined;
  email?: string | undefined;
  externalId?: string | undefined;
  creatable: boolean;
}

export const linkKey = (l: LinkRef) =>
  [l.entity, l.externalId ?? "", l.email ? emailKey(l.email) : "", l.name?.trim().toLowerCase() ?? ""].join(
    "|",
  );

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** "Anna Schmidt" as the contacts' sort key reads it either way round ("Schmidt Anna", "Anna Schmidt"). */
function nameOrders(name: string): string[] {
  const parts = name.trim().split(/\s+/);
  if (parts.length < 2) return [name.trim()];
  const last = parts.at(-1) ?? "";
  return [`${last} ${parts.slice(0, -1).join(" ")}`, name.trim()];
}

/**
 * Finds the links of a batch among the records the importer sees, a few queries for the whole batch
 * (external id on its unique index, email on contacts_email_keys_idx, name on the sort-key indexes).
 */
export async function findLinks(
  db: DbOrTx,
  ctx: ServiceContext,
  refs: LinkRef[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  if (refs.length === 0) return found;
  const out = new Map<string, string>();
  for (const entity of ["company", "contact"] as const) {
    const mine = refs.filter((r) => r.entity === entity);
    if (mine.length === 0) continue;
    const table = entity === "company" ? companies : contacts;
    const visible = visibleWhere(ctx.actor, entity, table);
    const externalIds = [...new Set(mine.flatMap((r) => (r.externalId ? [r.externalId] : [])))];
    if (externalIds.length)
      for (const row of await db
        .select({ id: table.id, externalId: table.externalId })
        .from(table)
        .where(and(visible, inArray(table.externalId, externalIds))))
        found.set(`${entity}:x:${row.externalId}`, row.id);
    const emails = [...new Set(mine.flatMap((r) => (r.email ? [emailKey(r.email)] : [])))];
    if (entity === "contact" && emails.length) {
      const wanted = new Set(emails);
      for (const row of await db
        .select({ id: contacts.id, emailKeys: contacts.emailKeys })
        .from(contacts)
        .where(and(visible, contactHasAnyEmail(emails))))
        for (const key of row.emailKeys)
          if (wanted.has(key) && !found.has(`contact:e:${key}`)) found.set(`contact:e:${key}`, row.id);
    }
    const names = [...new Set(mine.flatMap((r) => (r.name ? nameOrders(r.name) : [])))];
    if (names.length) {
      // The name as the sort key folds it (case, accents, ß), compared on the sort-key index.
      const result = await db.execute(sql`
        select n.wanted, ${table.id} as id
        from unnest(${sql.param(names)}::text[]) as n(wanted)
        join ${table} on ${table.sortKey} = f_sort_key(n.wanted)
        where ${visible}
        order by ${table.createdAt}`);
      for (const row of rowsOf<{ wanted: string; id: string }>(result)) {
        const key = `${entity}:n:${row.wanted.toLowerCase()}`;
        if (!found.has(key)) found.set(key, row.id);
      }
    }
    for (const r of mine) {
      const id =
        (r.externalId && found.get(`${entity}:x:${r.externalId}`)) ||
        (r.email && found.get(`${entity}:e:${emailKey(r.email)}`)) ||
        (r.name &&
          nameOrders(r.name)
            .map((n) => found.get(`${entity}:n:${n.toLowerCase()}`))
            .find(Boolean));
      if (id) out.set(linkKey(r), id);
    }
  }
  return out;
}

/** Creates a link the row names but nobody has yet (the import's `create` policy), as a form would. */
export async function createLink(ctx: ServiceContext, tx: Tx, link: LinkRef): Promise<string> {
  const name = link.name?.trim() ?? "";
  const db = { ...ctx, db: tx };
  if (link.entity === "company") {
    const made = await createCompany(db, { name, ...(link.externalId && { externalId: link.externalId }) });
    return made.id;
  }
  const parts = name.split(/\s+/);
  const made = await createContact(db, {
    lastName: parts.at(-1) ?? name,
    ...(parts.length > 1 && { firstName: parts.slice(0, -1).join(" ") }),
    ...(link.email && { email: link.email }),
    ...(link.externalId && { externalId: link.externalId }),
  });
  return made.id;
}
