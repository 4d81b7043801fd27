import { can } from "@domain/policy/policy";
import { byRankThenRecency, HIT_RANK, type HitRank, rankHit } from "@domain/search-rank";
import {
  companyVisibility,
  contactVisibility,
  dealVisibility,
  leadVisibility,
  leadVisibilityParts,
} from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { searchMatch, wordStartMatch } from "@server/db/like";
import { leads } from "@server/db/schema";
import { leadProjection } from "@server/modules/leads/lead.mapper";
import { listLeadRows } from "@server/modules/leads/lead-list.repository";
import type { GlobalSearchQuery, SearchHit } from "@shared/schemas/search";
import type { SQL } from "drizzle-orm";
import {
  companySource,
  contactSource,
  dealSource,
  type SearchSource,
  searchRecords,
  userSource,
} from "./search.repository";

interface Candidate extends SearchHit {
  rank: HitRank;
  createdAt: number;
}

/** What the global search shows of a lead: its list's columns, as that list maps them. */
const leadFields = leadProjection(["firstName", "lastName", "companyName", "email", "createdAt"]);

/**
 * The global search (issue #15 point 2): leads, contacts, companies, deals and users in one ranked
 * list (domain/search-rank.ts). Every type goes through the permission gate of its own list; users
 * only for whoever may open the users directory. Leads are read by the lead list's own search path
 * (lead-list.repository.ts), which walks a salesperson's team and own leads separately.
 */
export async function globalSearch(ctx: ServiceContext, query: GlobalSearchQuery): Promise<SearchHit[]> {
  const perType = Math.ceil(query.limit / 5);
  const sources: SearchSource[] = [
    contactSource(contactVisibility(ctx)),
    companySource(companyVisibility(ctx)),
    dealSource(dealVisibility(ctx)),
    ...(can(ctx.actor, "user.list") ? [userSource()] : []),
  ];
  const [leadHits, otherHits] = await Promise.all([
    searchLeads(ctx, query.q, perType),
    searchOthers(ctx, sources, query.q, perType),
  ]);
  // A word-start hit is found by both reads of its type; its better rank wins.
  const best = new Map<string, Candidate>();
  for (const hit of [...leadHits, ...otherHits].sort(byRankThenRecency)) {
    const key = `${hit.type}:${hit.id}`;
    if (!best.has(key)) best.set(key, hit);
  }
  const taken = new Map<string, number>();
  const hits: SearchHit[] = [];
  for (const { type, id, title, subtitle } of best.values()) {
    const count = taken.get(type) ?? 0;
    if (count >= perType) continue;
    taken.set(type, count + 1);
    hits.push({ type, id, title, subtitle });
    if (hits.length === query.limit) break;
  }
  return hits;
}

/*
 * Word-start hits first; the reads for a match anywhere only for types with fewer than `perType` of
 * them, since such hits rank below and the type's share is already full. A frequent word ("muller")
 * so costs one read per type, not two.
 */

async function searchOthers(
  ctx: ServiceContext,
  sources: SearchSource[],
  q: string,
  perType: number,
): Promise<Candidate[]> {
  const start = await searchRecords(ctx.db, sources, q, perType, true);
  const found = new Map<string, number>();
  for (const row of start) found.set(row.type, (found.get(row.type) ?? 0) + 1);
  const wanting = sources.filter((source) => (found.get(source.type) ?? 0) < perType);
  const inside = await searchRecords(ctx.db, wanting, q, perType, false);
  return [...start, ...inside].map(
    (row): Candidate => ({
      type: row.type,
      id: row.id,
      title: row.title,
      subtitle: row.subtitle,
      createdAt: row.created,
      rank: rankHit(row.title, q, row.word_start),
    }),
  );
}

async function searchLeads(ctx: ServiceContext, q: string, perType: number): Promise<Candidate[]> {
  const visible = { all: leadVisibility(ctx), parts: leadVisibilityParts(ctx) };
  const read = async (search: SQL, wordStart: boolean) => {
    const rows = await listLeadRows(ctx.db, {
      visible,
      filters: [],
      search,
      sort: "-createdAt",
      cursor: null,
      limit: perType,
      projection: leadFields,
    });
    return rows.slice(0, perType).map((row): Candidate => {
      const lead = leadFields.map(row, ctx.actor);
      const name = [lead.firstName, lead.lastName].filter(Boolean).join(" ");
      const title = name || lead.companyName || lead.email || "";
      const subtitle = [name ? lead.companyName : null, lead.email].filter(Boolean).join(" · ");
      return {
        type: "lead",
        id: lead.id,
        title,
        subtitle: subtitle || null,
        createdAt: Date.parse(lead.createdAt ?? ""),
        rank: wordStart ? rankHit(title, q, true) : HIT_RANK.inside,
      };
    });
  };
  const start = await read(wordStartMatch(leads.searchText, q), true);
  if (start.length >= perType) return start;
  return [...start, ...(await read(searchMatch(leads.searchText, q), false))];
}
