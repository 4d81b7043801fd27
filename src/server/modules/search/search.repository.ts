import type { Db } from "@server/db/client";
import { searchMatch, wordStartMatch } from "@server/db/like";
import { companies, contacts, deals, stages, users } from "@server/db/schema";
import { type SearchType, searchTypeSchema } from "@shared/schemas/search";
import { type AnyColumn, and, type SQL, sql } from "drizzle-orm";
import { z } from "zod";

/** Where the global search looks for one type of record, and what it shows of a hit. */
export interface SearchSource {
  type: SearchType;
  /** The FROM clause (a deal joins its stage for the context line). */
  from: SQL;
  id: AnyColumn;
  searchText: AnyColumn;
  createdAt: AnyColumn;
  title: SQL;
  subtitle: SQL;
  /** The permission gate of the type's list (server/access). */
  visible: SQL;
}

/** Joins non-empty parts with " · "; null when all are empty. */
const context = (...parts: SQL[]) =>
  sql`nullif(concat_ws(' · ', ${sql.join(
    parts.map((p) => sql`nullif(${p}, '')`),
    sql`, `,
  )}), '')`;

export const contactSource = (visible: SQL): SearchSource => ({
  type: "contact",
  from: sql`${contacts}`,
  id: contacts.id,
  searchText: contacts.searchText,
  createdAt: contacts.createdAt,
  title: sql`trim(coalesce(${contacts.firstName}, '') || ' ' || ${contacts.lastName})`,
  subtitle: context(sql`${contacts.jobTitle}`, sql`${contacts.email}`),
  visible,
});

export const companySource = (visible: SQL): SearchSource => ({
  type: "company",
  from: sql`${companies}`,
  id: companies.id,
  searchText: companies.searchText,
  createdAt: companies.createdAt,
  title: sql`${companies.name}`,
  subtitle: context(sql`${companies.domain}`, sql`${companies.email}`),
  visible,
});

export const dealSource = (visible: SQL): SearchSource => ({
  type: "deal",
  from: sql`${deals} left join ${stages} on ${stages.id} = ${deals.stageId}`,
  id: deals.id,
  searchText: deals.searchText,
  createdAt: deals.createdAt,
  title: sql`${deals.title}`,
  subtitle: context(sql`${stages.name}`),
  visible,
});

/** Users have no owner or team: `visible` is true for whoever may list them, else there is no source. */
export const userSource = (): SearchSource => ({
  type: "user",
  from: sql`${users}`,
  id: users.id,
  searchText: users.searchText,
  createdAt: users.createdAt,
  title: sql`${users.name}`,
  subtitle: sql`${users.email}`,
  visible: sql`true`,
});

const hitRow = z.object({
  type: searchTypeSchema,
  id: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  // Milliseconds since the epoch; float8 arrives as a number on both drivers.
  created: z.coerce.number(),
  word_start: z.boolean(),
});
export type SearchRow = z.infer<typeof hitRow>;

/**
 * The newest `perType` hits of each source: those whose search text has a word starting with `q`
 * (`wordStart`), or all holding `q` anywhere; one statement for all sources. Each part is a LIMITed
 * read that the planner serves from the trigram index or, for a frequent word, by walking the
 * (created_at, id) index of live records until enough rows match.
 */
export async function searchRecords(
  db: Db,
  sources: SearchSource[],
  q: string,
  perType: number,
  wordStart: boolean,
): Promise<SearchRow[]> {
  if (sources.length === 0) return [];
  const part = (source: SearchSource) => {
    const match = wordStart ? wordStartMatch(source.searchText, q) : searchMatch(source.searchText, q);
    return sql`(select ${source.type}::text as "type", ${source.id}::text as "id", ${source.title} as "title",
      ${source.subtitle} as "subtitle", (extract(epoch from ${source.createdAt}) * 1000)::float8 as "created",
      ${sql.raw(wordStart ? "true" : "false")} as "word_start"
      from ${source.from} where ${and(source.visible, match)}
      order by ${source.createdAt} desc limit ${perType})`;
  };
  const result: unknown = await db.execute(sql.join(sources.map(part), sql` union all `));
  // Drizzle's execute answers `{ rows }` on both drivers.
  return z.object({ rows: z.array(hitRow) }).parse(result).rows;
}
