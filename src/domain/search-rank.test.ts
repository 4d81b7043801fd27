import { describe, expect, it } from "vitest";
import { byRankThenRecency, HIT_RANK, rankHit, searchForms } from "./search-rank";

describe("searchForms", () => {
  it("folds case and accents, and adds the German transliteration when it differs", () => {
    expect(searchForms("Jörg  Bäßler")).toEqual(["jorg bassler", "joerg baessler"]);
    expect(searchForms("Straße")).toEqual(["strasse"]);
    expect(searchForms("José")).toEqual(["jose"]);
  });
});

describe("rankHit", () => {
  it("ranks a title equal to the query in any spelling as exact", () => {
    expect(rankHit("Jörg Bäßler", "joerg baessler", true)).toBe(HIT_RANK.exact);
    expect(rankHit("Jörg Bäßler", "JORG BASSLER", false)).toBe(HIT_RANK.exact);
  });

  it("ranks other hits by how the database found them", () => {
    expect(rankHit("Jörg Bäßler", "bassler", true)).toBe(HIT_RANK.wordStart);
    expect(rankHit("Jörg Bäßler", "assler", false)).toBe(HIT_RANK.inside);
  });
});

describe("byRankThenRecency", () => {
  it("puts the better rank first, and within a rank the newest", () => {
    const hits = [
      { id: "old inside", rank: HIT_RANK.inside, createdAt: 1 },
      { id: "new start", rank: HIT_RANK.wordStart, createdAt: 3 },
      { id: "old start", rank: HIT_RANK.wordStart, createdAt: 2 },
      { id: "exact", rank: HIT_RANK.exact, createdAt: 0 },
    ];
    expect(hits.sort(byRankThenRecency).map((h) => h.id)).toEqual([
      "exact",
      "new start",
      "old start",
      "old inside",
    ]);
  });
});
