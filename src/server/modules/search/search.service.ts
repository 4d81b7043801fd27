import { can } from "@domain/policy/policy";
import { byRankThenRecency, HIT_RANK, type HitRank, rankHit } from "@domain/search-rank";
import {
  companyVisibility,
  contactVisibility,
  dealVisibility,
  leadVisibilityParts,
} from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import { pageColumns } from "@server/db/page-rows";
import { leads } from "@server/db/schema";
import { leadProjection } from "@server/modules/leads/lead.mapper";
import type { GlobalSearchQuery, SearchHit } from "@shared/schemas/search";
import {
  companySource,
  contactSource,
  dealSource,
  type SearchReach,
  type SearchSource,
  searchLeadRows,
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
 * only for whoever may open the users directory. Leads are read by the lead list's own windowed search
 * (lead-search-window.ts), which walks a salesperson's team and reads their own leads outside it.
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
 * The reads for a match anywhere first, each hit flagged whether a word starts with the query. When a
 * type has fewer than `perType` such hits, they are all of its matches; when its newest `perType` all
 * start a word, they are also its newest word-start hits. Only otherwise is the type read again for
 * word starts (they rank above the newer inside-a-word hits). A rare word so costs one read per type,
 * not two, and so does a frequent one ("muller") that starts the words it is found in.
 */

/** Whether a type's reads for a match anywhere leave its word-start hits to read. */
const wantsWordStarts = (hits: { wordStart: boolean }[], perType: number) =>
  hits.length >= perType && hits.some((hit) => !hit.wordStart);

async function searchOthers(
  ctx: ServiceContext,
  sources: SearchSource[],
  q: string,
  perType: number,
): Promise<Candidate[]> {
  const anywhere = await searchRecords(ctx.db, sources, q, perType, "anywhere");
  const wanting = sources.filter((source) =>
    wantsWordStarts(
      anywhere.filter((row) => row.type === source.type).map((row) => ({ wordStart: row.word_start })),
      perType,
    ),
  );
  const start = await searchRecords(ctx.db, wanting, q, perType, "wordStart");
  return [...start, ...anywhere].map(
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

/** The columns of leadFields, rendered once. */
const leadColumns = pageColumns(leads, leadFields.columns);

async function searchLeads(ctx: ServiceContext, q: string, perType: number): Promise<Candidate[]> {
  const parts = leadVisibilityParts(ctx);
  const read = (reach: SearchReach) =>
    searchLeadRows(ctx.db, { parts, q, reach, limit: perType, columns: leadColumns });
  const anywhere = await read("anywhere");
  const rows = wantsWordStarts(anywhere, perType) ? [...(await read("wordStart")), ...anywhere] : anywhere;
  return rows.map((row): Candidate => {
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
      rank: row.wordStart ? rankHit(title, q, true) : HIT_RANK.inside,
    };
  });
}
