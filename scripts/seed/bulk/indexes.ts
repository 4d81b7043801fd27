/**
 * Rebuilding instead of maintaining the leads indexes during a bulk load: with the 20 secondary
 * indexes (one a trigram GIN) in place PostgreSQL writes ~5,000 leads/s on two cores, without them
 * ~25,000; building each index once at the end costs far less than a million incremental inserts.
 * The definitions are read from the catalog, so the rebuilt indexes are exactly the migrations' own.
 */
export type Query = (text: string) => Promise<{ rows: unknown[] }>;

interface IndexDef {
  name: string;
  definition: string;
}

/** Secondary indexes of leads: those not backing a constraint (the primary key stays). */
export const dropLeadIndexes = (query: Query) => dropIndexes(query, "leads");

/** Secondary indexes of a table (a fixed name of ours, not input), dropped; their definitions returned. */
export async function dropIndexes(query: Query, table: "leads" | "activities"): Promise<IndexDef[]> {
  const { rows } = await query(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = 'public.${table}'::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
      ORDER BY c.relname`,
  );
  const indexes = rows as IndexDef[];
  for (const index of indexes) await query(`DROP INDEX public."${index.name.replace(/"/g, '""')}"`);
  return indexes;
}

export async function createIndexes(query: Query, indexes: readonly IndexDef[]): Promise<void> {
  for (const index of indexes) await query(index.definition);
}
