import type { VisiblePart } from "@server/access/permission-gate";
import type { Db } from "@server/db/client";
import { searchMatch, wordStartMatch } from "@server/db/like";
import { type PageColumns, selectPageRows } from "@server/db/page-rows";
import { companies, contacts, deals, leads, stages, users } from "@server/db/schema";
import { type WindowedSearch, walkTwoPages, windowPageIds } from "@server/modules/leads/lead-search-window";
import type { SearchType } from "@shared/schemas/search";
import { type AnyColumn, and, type SQL, sql } from "drizzle-orm";

/** Where the global search looks for one type of record, and what it shows of a hit. */
export interface SearchSource {
  type: SearchType;
  /** The type's table alone: the gated read of the page's ids runs on it. */
  table: SQL;
  /** The FROM clause of the page's rows (a deal joins its stage for the context line). */
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
  table: sql`${contacts}`,
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
  table: sql`${companies}`,
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
  table: sql`${deals}`,
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
  table: sql`${users}`,
  from: sql`${users}`,
  id: users.id,
  searchText: users.searchText,
  createdAt: users.createdAt,
  title: sql`${users.name}`,
  subtitle: sql`${users.email}`,
  visible: sql`true`,
});

/** A hit as every statement of the global search selects it. */
export interface HitRow {
  type: SearchType;
  id: string;
  title: string;
  subtitle: string | null;
  /** Milliseconds since the epoch (float8: a number on both drivers). */
  created: number;
  /** Whether a word of the hit's search text starts with the query. */
  word_start: boolean;
  /** Which read found it: "any" (the query anywhere) or "start" (a word starting with it). */
  page: "any" | "start";
}

/** Which hits a read asks for: a word starting with `q`, or `q` anywhere (each hit says which it is). */
export type SearchReach = "wordStart" | "anywhere";

/** The global search's reads of one statement (one round trip, one plan). */
export interface HitReads {
  /** The lead gate's parts: the walk of the lead list's search, both reaches at once (walkTwoPages). */
  leadWalk?: VisiblePart[];
  /** The lead windows (windowPageIds) of these reaches, for when the walk found less than a page. */
  leadWindows?: { parts: VisiblePart[]; reaches: SearchReach[] };
  others?: { sources: SearchSource[]; reach: SearchReach };
}

/** What a lead hit shows: its name, else its company, else its email; the company and email beside. */
const leadName = sql`nullif(concat_ws(' ', nullif(${leads.firstName}, ''), nullif(${leads.lastName}, '')), '')`;
const leadSource = (visible: SQL): SearchSource => ({
  type: "lead",
  table: sql`${leads}`,
  from: sql`${leads}`,
  id: leads.id,
  searchText: leads.searchText,
  createdAt: leads.createdAt,
  title: sql`coalesce(${leadName}, nullif(${leads.companyName}, ''), nullif(${leads.email}, ''), '')`,
  subtitle: context(
    sql`case when ${leadName} is not null then ${leads.companyName} end`,
    sql`${leads.email}`,
  ),
  visible,
});

const matchOf = (source: SearchSource, q: string, reach: SearchReach) =>
  reach === "wordStart" ? wordStartMatch(source.searchText, q) : searchMatch(source.searchText, q);

/** The hit columns of `source`'s rows; word_start is computed on the read's rows only. */
function hitColumns(source: SearchSource, q: string, reach: SearchReach): SQL {
  const flag = reach === "wordStart" ? sql`true` : wordStartMatch(source.searchText, q);
  const page = reach === "wordStart" ? "start" : "any";
  return sql`${source.type}::text as "type", ${source.id}::text as "id", ${source.title} as "title",
    ${source.subtitle} as "subtitle", (extract(epoch from ${source.createdAt}) * 1000)::float8 as "created",
    ${flag} as "word_start", ${page}::text as "page"`;
}

/**
 * The newest `perType` hits of `source` that its gate lets through; a LIMITed read per source. The ids
 * come first from the table alone, so a frequent word's walk along the (created_at) index that INCLUDEs
 * the gate's columns and search_text stays index-only (migration 20261208004021_search_cover_indexes);
 * only the page's rows are then fetched for what a hit shows. A rare word's read is the trigram index's
 * bitmap either way. (Inside the subquery the table's name refers to its own FROM.)
 */
const sourceRead = (source: SearchSource, q: string, perType: number, reach: SearchReach) =>
  sql`select ${hitColumns(source, q, reach)} from ${source.from} where ${source.id} in (
    select ${source.id} from ${source.table} where ${and(source.visible, matchOf(source, q, reach))}
    order by ${source.createdAt} desc limit ${perType})`;

const leadWindow = (
  q: string,
  perType: number,
  parts: VisiblePart[],
  reach: SearchReach,
): WindowedSearch => ({
  parts,
  search: matchOf(leadSource(sql`true`), q, reach),
  after: undefined,
  cursor: null,
  orderBy: sql`${leads.createdAt} desc, ${leads.id} desc`,
  limit: perType,
});

/** Rows arrive as arrays and become objects by a decoder compiled once (page-rows.ts). */
const NO_TIMESTAMPS: PageColumns = { select: sql``, timestamps: [] };

/**
 * The global search's reads in one statement (UNION ALL): each branch a LIMITed, gated read of one
 * type. A lead read is the lead list's windowed search (lead-search-window.ts), so a salesperson's
 * search walks their team's leads and merges in their own outside it; contacts, companies, deals and
 * users are each served by their trigram index or, for a frequent word, by walking their (created_at)
 * index until enough rows match.
 */
export async function readHits(db: Db, q: string, perType: number, reads: HitReads): Promise<HitRow[]> {
  const branches: SQL[] = [];
  let ctes: SQL | undefined;
  const lead = leadSource(sql`true`);
  const leadRows = (pageIds: SQL, reach: SearchReach) =>
    sql`select ${hitColumns(lead, q, reach)} from ${leads} where ${leads.id} in (${pageIds})`;
  if (reads.leadWalk) {
    const walk = walkTwoPages(
      leadWindow(q, perType, reads.leadWalk, "anywhere"),
      matchOf(lead, q, "wordStart"),
    );
    ctes = walk.ctes;
    branches.push(leadRows(walk.page(false), "anywhere"), leadRows(walk.page(true), "wordStart"));
  }
  for (const reach of reads.leadWindows?.reaches ?? []) {
    const parts = reads.leadWindows?.parts ?? [];
    branches.push(leadRows(windowPageIds(leadWindow(q, perType, parts, reach)), reach));
  }
  for (const source of reads.others?.sources ?? []) {
    branches.push(sourceRead(source, q, perType, reads.others?.reach ?? "anywhere"));
  }
  if (branches.length === 0) return [];
  const union = sql.join(
    branches.map((branch) => sql`(${branch})`),
    sql` union all `,
  );
  return selectPageRows<HitRow>(db, ctes ? sql`with ${ctes} ${union}` : union, NO_TIMESTAMPS);
}
