import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { companies } from "@server/db/schema";
import { ruleViolation } from "@server/errors";
import { and, eq, type SQL, sql } from "drizzle-orm";
import { companyVisibility } from "./record-visibility";

/*
 * A record linked to a company (a contact, a deal, a child company, a converted lead) names it only
 * when the caller may see it. These lookups are the permission gate for such links, shared by every
 * module that links to a company.
 */

/** The name of a company the caller can see; undefined when it is missing or invisible. */
export async function findVisibleCompanyName(
  db: DbOrTx,
  id: string,
  visible: SQL,
): Promise<string | undefined> {
  const [row] = await db
    .select({ name: companies.name })
    .from(companies)
    .where(and(eq(companies.id, id), visible));
  return row?.name;
}

/** A visible company whose name is `name` (case- and accent-insensitive), e.g. for a vCard's ORG. */
export async function findVisibleCompanyByName(
  db: DbOrTx,
  name: string,
  visible: SQL,
): Promise<{ id: string; name: string } | undefined> {
  const [row] = await db
    .select({ id: companies.id, name: companies.name })
    .from(companies)
    .where(and(sql`lower(${companies.name}) = lower(${name})`, visible))
    .orderBy(companies.createdAt, companies.id)
    .limit(1);
  return row;
}

/** A linked company must exist and be visible to the caller (422 on `path` otherwise); gives its name. */
export async function assertVisibleCompany(
  ctx: ServiceContext,
  db: DbOrTx,
  id: string,
  path: string,
): Promise<string> {
  const name = await findVisibleCompanyName(db, id, companyVisibility(ctx));
  if (name === undefined) throw ruleViolation("company_not_visible").at(path);
  return name;
}
