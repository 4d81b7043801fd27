import { leads } from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { buildTeam } from "@test/factories";
import { buildLead } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const WEEK = 7 * 86_400_000;
const weeksAgo = (weeks: number) => new Date(Date.now() - weeks * WEEK);

/** Every page of `q=` newest first, `limit` a page: the last names in the order the pages give them. */
async function allPages(client: Client, q: string, limit: number): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | null = null;
  do {
    const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : "";
    const res = await client.get(`/api/v1/leads?q=${q}&limit=${limit}&fields=lastName${after}`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json() as { data: { lastName: string }[]; nextCursor: string | null };
    names.push(...body.data.map((lead) => lead.lastName));
    cursor = body.nextCursor;
  } while (cursor);
  return names;
}

describe("GET /api/v1/leads?q= newest first, read in windows of creation weeks", () => {
  it("finds every match in order across windows, however many non-matching leads are newer", async () => {
    const db = t.database.db;
    const team = await buildTeam(db);
    const other = await buildTeam(db);
    const { user: seller, client: sales } = await signedIn(t, "sales", team);
    const { client: manager } = await signedIn(t, "manager", null);
    const match = (lastName: string, createdAt: Date, owner: { team: typeof team; owner?: typeof seller }) =>
      buildLead(db, { firstName: "Ida", lastName, companyName: "Quendelmoor GmbH", createdAt, ...owner });
    // Newest first: one lead dated ahead (a clock that ran fast), then matches spread over three years,
    // one of them the seller's own in another team, one in another team the seller may not see.
    await match("Vorlaut", weeksAgo(-30), { team });
    await match("Eins", weeksAgo(0.5), { team });
    await match("Zwei", weeksAgo(5), { team });
    await match("Eigen", weeksAgo(9), { team: other, owner: seller });
    await match("Fremd", weeksAgo(11), { team: other });
    await match("Drei", weeksAgo(40), { team });
    await match("Vier", weeksAgo(40.5), { team });
    await match("Fünf", weeksAgo(150), { team });
    // An import: more newer leads of the team without the word than the walk reads (WALK_MIN), so that
    // every page of a small limit is read from the windows.
    await db.execute(sql`insert into ${leads} (team_id, created_at, first_name, last_name, company_name)
      select ${team.id}, now() - g * interval '1 second', 'Ida', 'Import ' || g, 'Stapel GmbH'
      from generate_series(1, 1100) as g`);

    const seen = ["Vorlaut", "Eins", "Zwei", "Eigen", "Drei", "Vier", "Fünf"];
    for (const limit of [1, 3, 50]) {
      expect(await allPages(sales, "quendelmoor", limit), `sales, limit ${limit}`).toEqual(seen);
      expect(await allPages(manager, "quendelmoor", limit), `manager, limit ${limit}`).toEqual([
        "Vorlaut",
        "Eins",
        "Zwei",
        "Eigen",
        "Fremd",
        "Drei",
        "Vier",
        "Fünf",
      ]);
    }
    // The German folding holds in every window ("Fünf" as "funf" and "fuenf").
    for (const q of ["funf", "fuenf", "F%C3%BCnf"]) expect(await allPages(sales, q, 1)).toEqual(["Fünf"]);
  });
});
