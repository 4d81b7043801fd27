import type { Db } from "@server/db/client";
import { loginAttempts } from "@server/db/schema";
import { and, eq, sql } from "drizzle-orm";

/** Recorded attempts of one client within the longest window, as the database's clock sees them. */
export interface RecentAttempts {
  /** Attempts on the one account within `accountWindowSeconds`. */
  account: number;
  /** Attempts on any account within `clientWindowSeconds`. */
  client: number;
  /** Seconds until the oldest counted attempt on the account leaves its window. */
  accountFreeIn: number;
  /** Seconds until the oldest counted attempt of the client leaves its window. */
  clientFreeIn: number;
}

/** Records one attempt (after deleting the attempts every window has forgotten); its id. */
export async function insertAttempt(
  db: Db,
  values: { client: string; accountHash: string; keepSeconds: number },
): Promise<number> {
  await db
    .delete(loginAttempts)
    .where(sql`${loginAttempts.attemptedAt} < now() - make_interval(secs => ${values.keepSeconds})`);
  const [row] = await db
    .insert(loginAttempts)
    .values({ client: values.client, accountHash: values.accountHash })
    .returning({ id: loginAttempts.id });
  if (!row) throw new Error("insert returned no row");
  return row.id;
}

/**
 * Counts in a statement of its own, after the insert committed: of any attempts running at once in any
 * process, the last to insert sees all the others, so together they cannot pass the limit.
 */
export async function countRecentAttempts(
  db: Db,
  where: { client: string; accountHash: string; accountWindowSeconds: number; clientWindowSeconds: number },
): Promise<RecentAttempts> {
  const inAccountWindow = sql`${loginAttempts.accountHash} = ${where.accountHash} and ${loginAttempts.attemptedAt} > now() - make_interval(secs => ${where.accountWindowSeconds})`;
  const [row] = await db
    .select({
      account: sql<number>`count(*) filter (where ${inAccountWindow})::int`,
      client: sql<number>`count(*)::int`,
      accountFreeIn: sql<number>`coalesce(extract(epoch from min(${loginAttempts.attemptedAt}) filter (where ${inAccountWindow}) + make_interval(secs => ${where.accountWindowSeconds}) - now()), 0)::float8`,
      clientFreeIn: sql<number>`coalesce(extract(epoch from min(${loginAttempts.attemptedAt}) + make_interval(secs => ${where.clientWindowSeconds}) - now()), 0)::float8`,
    })
    .from(loginAttempts)
    .where(
      and(
        eq(loginAttempts.client, where.client),
        sql`${loginAttempts.attemptedAt} > now() - make_interval(secs => ${where.clientWindowSeconds})`,
      ),
    );
  return row ?? { account: 0, client: 0, accountFreeIn: 0, clientFreeIn: 0 };
}

export async function deleteAttempt(db: Db, id: number): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.id, id));
}
