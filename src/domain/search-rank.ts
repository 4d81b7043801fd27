/**
 * How the global search orders its hits (issue #15 point 2): a record whose name is the query comes
 * first, then records where a word starts with the query, then those holding it inside a word; newest
 * first within each. The database finds the hits (a word-start and an inside-a-word query per type),
 * this decides their order across types.
 */
export const HIT_RANK = { exact: 0, wordStart: 1, inside: 2 } as const;
export type HitRank = (typeof HIT_RANK)[keyof typeof HIT_RANK];

const GERMAN: Record<string, string> = { ä: "ae", ö: "oe", ü: "ue", ß: "ss" };

/** Lower case, accents stripped, ß as ss: "Jörg Bäßler" → "jorg bassler" (as f_sort_key in SQL). */
const stripped = (text: string) =>
  text.toLowerCase().replace(/ß/g, "ss").normalize("NFD").replace(/\p{M}/gu, "").replace(/\s+/g, " ").trim();

/** The forms a name is found by: accents stripped and the German transliteration ("joerg baessler"). */
export function searchForms(text: string): string[] {
  const german = stripped(text.toLowerCase().replace(/[äöüß]/g, (c) => GERMAN[c] ?? c));
  const plain = stripped(text);
  return plain === german ? [plain] : [plain, german];
}

/** The rank of a hit whose title is `title`, found by the word-start query or only inside a word. */
export function rankHit(title: string, query: string, wordStart: boolean): HitRank {
  const queryForms = searchForms(query);
  if (searchForms(title).some((form) => queryForms.includes(form))) return HIT_RANK.exact;
  return wordStart ? HIT_RANK.wordStart : HIT_RANK.inside;
}

export interface RankedHit {
  rank: HitRank;
  /** Milliseconds since the epoch of the record's creation. */
  createdAt: number;
}

/** Better rank first, then newest first. */
export const byRankThenRecency = (a: RankedHit, b: RankedHit) => a.rank - b.rank || b.createdAt - a.createdAt;
