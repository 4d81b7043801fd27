import { type RecordEntity, scopeFor } from "@domain/access-policy";
import { can } from "@domain/policy/policy";
import { byRankThenRecency, type HitRank, rankHit } from "@domain/search-rank";
import {
  companyVisibility,
  contactVisibility,
  dealVisibility,
  leadVisibilityParts,
} from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import type { GlobalSearchQuery, SearchHit, SearchType } from "@shared/schemas/search";
import {
  companySource,
  contactSource,
  dealSource,
  type HitReads,
  type HitRow,
  readHits,
  type SearchReach,
  type SearchSource,
  userSource,
} from "./search.repository";

interface Candidate extends SearchHit {
  rank: HitRank;
  createdAt: number;
}

/** Whether a type's reads for a match anywhere leave its word-start hits to read. */
const wantsWordStarts = (hits: HitRow[], perType: number) =>
  hits.length >= perType && hits.some((hit) => !hit.word_start);

/**
 * The global search (issue #15 point 2): leads, contacts, companies, deals and users in one ranked
 * list (domain/search-rank.ts). Every type goes through the permission gate of its own list, and a type
 * whose Read scope is "none" is not read at all; users only for whoever may open the users directory.
 * Leads are read by the lead list's own windowed search (lead-search-window.ts), which walks a
 * salesperson's team and reads their own leads outside it.
 *
 * Per type the newest `perType` hits holding the query anywhere, each flagged whether a word starts
 * with it. When a type has fewer, they are all of its matches; when they all start a word, they are
 * also its newest word-start hits. Only otherwise are its word-start hits read (they rank above newer
 * inside-a-word hits). The reads are batched into as few statements as their dependencies allow:
 * 1. the lead walk (both reaches at once) and the other types' reads anywhere;
 * 2. if needed: the lead windows (the walk found less than a page), the leads' word starts the walk
 *    did not fill, the other types' word starts;
 * 3. rarely: the leads' word starts after their windows (a frequent word behind an import).
 */
export async function globalSearch(ctx: ServiceContext, query: GlobalSearchQuery): Promise<SearchHit[]> {
  const { q } = query;
  const perType = Math.ceil(query.limit / 5);
  const sees = (entity: RecordEntity) => scopeFor(ctx.actor, entity) !== "none";
  const sources: SearchSource[] = [
    ...(sees("contact") ? [contactSource(contactVisibility(ctx))] : []),
    ...(sees("company") ? [companySource(companyVisibility(ctx))] : []),
    ...(sees("deal") ? [dealSource(dealVisibility(ctx))] : []),
    ...(can(ctx.actor, "user.list") ? [userSource()] : []),
  ];
  const parts = sees("lead") ? leadVisibilityParts(ctx) : null;
  const of = (rows: HitRow[], type: SearchType, page: HitRow["page"]) =>
    rows.filter((row) => row.type === type && row.page === page);

  const first = await readHits(ctx.db, q, perType, {
    leadWalk: parts ?? undefined,
    others: { sources, reach: "anywhere" },
  });
  const leadReaches: SearchReach[] = [];
  if (parts) {
    const walked = of(first, "lead", "any");
    if (walked.length < perType) leadReaches.push("anywhere");
    else if (wantsWordStarts(walked, perType) && of(first, "lead", "start").length < perType)
      leadReaches.push("wordStart");
  }
  const wanting = sources.filter((source) => wantsWordStarts(of(first, source.type, "any"), perType));
  const later: HitReads = { others: { sources: wanting, reach: "wordStart" } };
  if (parts && leadReaches.length > 0) later.leadWindows = { parts, reaches: leadReaches };
  const second =
    leadReaches.length > 0 || wanting.length > 0 ? await readHits(ctx.db, q, perType, later) : [];
  const third =
    parts && leadReaches[0] === "anywhere" && wantsWordStarts(of(second, "lead", "any"), perType)
      ? await readHits(ctx.db, q, perType, { leadWindows: { parts, reaches: ["wordStart"] } })
      : [];

  // A word-start hit is found by both reads of its type; its better rank wins.
  const candidates = [...first, ...second, ...third].map(
    (row): Candidate => ({
      type: row.type,
      id: row.id,
      title: row.title,
      subtitle: row.subtitle,
      createdAt: Number(row.created),
      rank: rankHit(row.title, q, row.word_start),
    }),
  );
  const best = new Map<string, Candidate>();
  for (const hit of candidates.sort(byRankThenRecency)) {
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
