import type { DbOrTx } from "@server/db/client";
import { containsPattern } from "@server/db/like";
import { companies } from "@server/db/schema";
import { and, eq, ne, or, type SQL, sql } from "drizzle-orm";
import type { CompanyRow } from "./company.repository";

const CANDIDATE_LIMIT = 20;

/**
 * Visible companies that may be the same: the same website domain (companies_domain_idx) or a name
 * holding the given word (trigram index on search_text). The domain rule then decides.
 */
export async function findCompanyCandidates(
  db: DbOrTx,
  probe: { domain: string | null; nameWord: string | null; excludeId: string | null },
  visible: SQL,
): Promise<CompanyRow[]> {
  const arms: SQL[] = [];
  if (probe.domain) arms.push(eq(companies.domain, probe.domain));
  if (probe.nameWord) arms.push(sql`${companies.searchText} like ${containsPattern(probe.nameWord)}`);
  if (arms.length === 0) return [];
  return db
    .select()
    .from(companies)
    .where(and(visible, or(...arms), probe.excludeId ? ne(companies.id, probe.excludeId) : undefined))
    .orderBy(companies.createdAt, companies.id)
    .limit(CANDIDATE_LIMIT);
}
