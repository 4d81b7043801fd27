import type { VisiblePart } from "@server/access/permission-gate";
import type { Db } from "@server/db/client";
import { searchMatch, wordStartMatch } from "@server/db/like";
import { type PageColumns, type PageRow, selectPageRows } from "@server/db/page-rows";
import { companies, contacts, deals, leads, stages, users } from "@server/db/schema";
import type { LeadMapperRow } from "@server/modules/leads/lead.mapper";
import { searchInWindows } from "@server/modules/leads/lead-search-window";
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

/** Which hits a read asks for: a word starting with `q`, or `q` anywhere (each hit says which it is). */
export type SearchReach = "wordStart" | "anywhere";

/**
 * The newest `perType` hits of each source, each with whether a word of its search text starts with
 * `q` (`word_start`): those with such a word (`wordStart`), or all holding `q` anywhere; one
 * statement for all sources. Each part is a LIMITed read that the planner serves from the trigram
 * index or, for a frequent word, by walking the (created_at, id) index of live records until enough
 * rows match.
 */
export async function searchRecords(
  db: Db,
  sources: SearchSource[],
  q: string,
  perType: number,
  reach: SearchReach,
): Promise<SearchRow[]> {
  if (sources.length === 0) return [];
  const part = (source: SearchSource) => {
    const wordStart = wordStartMatch(source.searchText, q);
    const match = reach === "wordStart" ? wordStart : searchMatch(source.searchText, q);
    const flag = reach === "wordStart" ? sql`true` : wordStart;
    return sql`(select ${source.type}::text as "type", ${source.id}::text as "id", ${source.title} as "title",
      ${source.subtitle} as "subtitle", (extract(epoch from ${source.createdAt}) * 1000)::float8 as "created",
      ${flag} as "word_start"
      from ${source.from} where ${and(source.visible, match)}
      order by ${source.createdAt} desc limit ${perType})`;
  };
  const result: unknown = await db.execute(sql.join(sources.map(part), sql` union all `));
  // Drizzle's execute answers `{ rows }` on both drivers.
  return z.object({ rows: z.array(hitRow) }).parse(result).rows;
}

export type LeadHitRow = PageRow<LeadMapperRow> & { wordStart: boolean };

/**
 * The newest `limit` leads the gate's `parts` let the actor see that hold `q` (as `reach` says), each
 * with whether a word starts with `q`: the lead list's own windowed search (lead-search-window.ts),
 * one statement, reading `columns` of the page's rows only.
 */
export function searchLeadRows(
  db: Db,
  opts: { parts: VisiblePart[]; q: string; reach: SearchReach; limit: number; columns: PageColumns },
): Promise<LeadHitRow[]> {
  const wordStart = wordStartMatch(leads.searchText, opts.q);
  const search = opts.reach === "wordStart" ? wordStart : searchMatch(leads.searchText, opts.q);
  const flag = opts.reach === "wordStart" ? sql`true` : wordStart;
  const newestFirst = sql`${leads.createdAt} desc, ${leads.id} desc`;
  return searchInWindows(
    { parts: opts.parts, search, after: undefined, cursor: null, orderBy: newestFirst, limit: opts.limit },
    (pageIds) =>
      selectPageRows<LeadHitRow>(
        db,
        sql`select ${opts.columns.select}, ${flag} as "wordStart" from ${leads} where ${leads.id} in (${pageIds}) order by ${newestFirst}`,
        opts.columns,
      ),
  );
}
