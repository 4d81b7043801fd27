import type { Client } from "@test/app";
import { buildTestApp, type TestApp } from "@test/app";
import { excelCells, formulaCells } from "@test/csv-excel";
import { buildTeam } from "@test/factories";
import { ALL_MET, signedIn } from "@test/lead-helpers";
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signedIn(t, "admin")).client;
});
afterAll(() => t.close());

const ids = (res: { json(): { data: { id: string }[] } }) => res.json().data.map((l) => l.id);

describe("GET /api/v1/leads search", () => {
  it("ignores case and accents: muller finds Müller, strasse finds Straße", async () => {
    const team = await buildTeam(t.database.db);
    const { client } = await signedIn(t, "sales", team);
    const mueller = (
      await client.post("/api/v1/leads", {
        firstName: "Jürgen",
        lastName: "Müller",
        companyName: "Bäckerei an der Straße",
      })
    ).json();
    await client.post("/api/v1/leads", { lastName: "Schmidt" });
    expect(ids(await client.get("/api/v1/leads?q=muller"))).toEqual([mueller.id]);
    expect(ids(await client.get("/api/v1/leads?q=MÜLLER"))).toEqual([mueller.id]);
    expect(ids(await client.get("/api/v1/leads?q=strasse"))).toEqual([mueller.id]);
    expect(ids(await client.get("/api/v1/leads?q=jurgen%20muller"))).toEqual([mueller.id]);
  });

  it("finds leads by email and by phone digits, and treats % and _ literally", async () => {
    const team = await buildTeam(t.database.db);
    const { client } = await signedIn(t, "sales", team);
    const lead = (
      await client.post("/api/v1/leads", {
        lastName: "Phone",
        email: "p.hone@example.org",
        phone: "+49 89 5551234",
      })
    ).json();
    expect(ids(await client.get("/api/v1/leads?q=p.hone@example"))).toEqual([lead.id]);
    expect(ids(await client.get("/api/v1/leads?q=5551234"))).toEqual([lead.id]);
    expect(ids(await client.get("/api/v1/leads?q=%25"))).toEqual([]);
  });
});

describe("GET /api/v1/leads search as a salesperson", () => {
  it("finds the team's leads and the own ones of other teams, newest first, each once, page by page", async () => {
    // The own team sorts between the other two: own leads outside it lie below and above its id
    // (visibleParts reads "outside the team" as those two ranges and "no team").
    const [teamB, teamA, teamC] = [
      await buildTeam(t.database.db),
      await buildTeam(t.database.db),
      await buildTeam(t.database.db),
    ].sort((a, b) => (a.id < b.id ? -1 : 1));
    if (!teamA || !teamB || !teamC) throw new Error("three teams");
    const { user, client } = await signedIn(t, "sales", teamA);
    const colleague = await signedIn(t, "sales", teamA);
    const stranger = await signedIn(t, "sales", teamB);
    const word = `quarzmuller${Date.now()}`;
    // Created one after the other as an admin: the ids in creation order, newest last. A lead of no
    // team (one the API would give the creator's team) is set so in the database.
    const make = async (ownerId: string, teamId: string | null, status = "new") => {
      const lead = (
        await admin.post("/api/v1/leads", {
          lastName: `${word} Lead`,
          ownerId,
          ...(teamId ? { teamId } : {}),
        })
      ).json();
      if (teamId === null)
        await t.database.db.execute(sql`update leads set team_id = null where id = ${lead.id}`);
      if (status !== lead.status) {
        await admin.patch(`/api/v1/leads/${lead.id}`, { status, version: lead.version });
      }
      return lead.id as string;
    };
    const teams = await make(colleague.user.id, teamA.id); // the team's
    const ownBelow = await make(user.id, teamB.id, "in_process"); // own, in a team below
    const hidden = await make(stranger.user.id, teamB.id); // neither
    const ownAbove = await make(user.id, teamC.id); // own, in a team above
    const ownNoTeam = await make(user.id, null, "in_process"); // own, in no team
    const ownInTeam = await make(user.id, teamA.id); // both the team's and own
    const expected = [ownInTeam, ownNoTeam, ownAbove, ownBelow, teams];

    expect(ids(await client.get(`/api/v1/leads?q=${word}`))).toEqual(expected);
    const seen: string[] = [];
    let cursor = "";
    do {
      const page = (
        await client.get(`/api/v1/leads?q=${word}&limit=1${cursor ? `&cursor=${cursor}` : ""}`)
      ).json();
      seen.push(...page.data.map((l: { id: string }) => l.id));
      cursor = page.nextCursor ? encodeURIComponent(page.nextCursor) : "";
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(seen).not.toContain(hidden);
    // With a filter besides the search (one query instead of parts): the same rule.
    expect(ids(await client.get(`/api/v1/leads?q=${word}&status=in_process`))).toEqual([ownNoTeam, ownBelow]);
  });
});

describe("GET /api/v1/leads filters", () => {
  it("filters by status, source, owner, mine, tags, BANT and score", async () => {
    const team = await buildTeam(t.database.db);
    const { user, client } = await signedIn(t, "sales", team);
    const a = (
      await client.post("/api/v1/leads", {
        lastName: "A",
        source: "referral",
        ownerId: user.id,
        tags: ["vip"],
        bant: ALL_MET,
      })
    ).json();
    const b = (
      await client.post("/api/v1/leads", { lastName: "B", source: "web_form", tags: ["newsletter"] })
    ).json();
    const q = (params: string) => client.get(`/api/v1/leads?teamId=${team.id}&${params}`);
    expect(ids(await q("status=assigned"))).toEqual([a.id]);
    expect(ids(await q("status=new,assigned")).sort()).toEqual([a.id, b.id].sort());
    expect(ids(await q("source=web_form"))).toEqual([b.id]);
    expect(ids(await q(`ownerId=${user.id}`))).toEqual([a.id]);
    expect(ids(await q("ownerId=none"))).toEqual([b.id]);
    expect(ids(await q("mine=true"))).toEqual([a.id]);
    expect(ids(await q("tags=vip,other"))).toEqual([a.id]);
    expect(ids(await q("bantQualified=true"))).toEqual([a.id]);
    expect(ids(await q("bantQualified=false"))).toEqual([b.id]);
    expect(ids(await q(`scoreMin=${a.score}`))).toEqual([a.id]);
    expect(ids(await q("sort=-score"))).toEqual([a.id, b.id]);
    expect(ids(await q("sort=name"))).toEqual([a.id, b.id]);
  });

  it("refuses unknown filter values and sorts with 400", async () => {
    const res = await admin.get("/api/v1/leads?status=won&sort=shoeSize");
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["sort", "status.0"]);
  });

  it("limits a page to 200", async () => {
    expect((await admin.get("/api/v1/leads?limit=201")).statusCode).toBe(400);
  });
});

describe("GET /api/v1/leads rows", () => {
  it("shows each lead exactly as its own page does, whatever the timestamps' fractions", async () => {
    const team = await buildTeam(t.database.db);
    const { user, client } = await signedIn(t, "sales", team);
    const full = (
      await client.post("/api/v1/leads", {
        salutation: "Frau",
        title: "Dr.",
        firstName: "Zoë",
        lastName: "Ångström <b>",
        companyName: "Straßenbau Köln GmbH",
        email: "zoe@example.org",
        phone: "+49 221 1234567",
        estimatedValue: { amount: "48000.50", currency: "EUR" },
        ownerId: user.id,
        tags: ["heiß", "messe"],
        bant: ALL_MET,
      })
    ).json();
    await client.patch(`/api/v1/leads/${full.id}`, { lifecycleStage: "sql", version: full.version });
    const bare = (await client.post("/api/v1/leads", { lastName: "Bare" })).json();
    // Microseconds the API never writes itself: the list and the single read must still agree.
    const stamps = ["2026-01-01 10:00:00+00", "2026-01-01 10:00:00.5+00", "2026-01-01 10:00:00.999999+00"];
    for (const [i, stamp] of stamps.entries()) {
      await t.database.db.execute(
        sql`update leads set updated_at = ${stamp}::timestamptz, mal_at = ${stamp}::timestamptz - ${`${i} days`}::interval where id = ${full.id}`,
      );
      const list = (await client.get("/api/v1/leads?limit=200")).json().data as { id: string }[];
      for (const id of [full.id, bare.id]) {
        expect(list.find((l) => l.id === id)).toEqual((await client.get(`/api/v1/leads/${id}`)).json());
      }
    }
  });
});

describe("GET /api/v1/leads?fields=", () => {
  it("answers just the fields asked for (and id and version), each as the lead's own page has it", async () => {
    const team = await buildTeam(t.database.db);
    const { client } = await signedIn(t, "sales", team);
    const word = `feldtest${Date.now()}`;
    const made: { id: string }[] = [];
    for (const n of [1, 2, 3]) {
      made.push(
        (
          await client.post("/api/v1/leads", {
            firstName: `Nr ${n}`,
            lastName: word,
            estimatedValue: { amount: `${n}000`, currency: "EUR" },
            bant: ALL_MET,
          })
        ).json(),
      );
    }
    const fields = ["firstName", "estimatedValue", "bantQualified", "lifecycleTimes", "score"];
    const wanted = ["id", "version", ...fields].sort();
    for (const search of ["", `&q=${word}`]) {
      const seen: Record<string, unknown>[] = [];
      let cursor = "";
      do {
        const res = await client.get(
          `/api/v1/leads?fields=${fields.join(",")}&limit=2${search}${cursor ? `&cursor=${cursor}` : ""}`,
        );
        expect(res.statusCode).toBe(200);
        const page = res.json();
        seen.push(...page.data);
        cursor = page.nextCursor ? encodeURIComponent(page.nextCursor) : "";
      } while (cursor && seen.length < 6);
      const ours = seen.filter((lead) => made.some((m) => m.id === lead.id));
      expect(ours).toHaveLength(3);
      for (const lead of ours) {
        expect(Object.keys(lead).sort()).toEqual(wanted);
        const whole = (await client.get(`/api/v1/leads/${lead.id}`)).json();
        expect(lead).toEqual(Object.fromEntries(wanted.map((key) => [key, whole[key]])));
      }
    }
  });

  it("refuses a field a lead does not have with 400, naming it", async () => {
    const res = await admin.get("/api/v1/leads?fields=firstName,shoeSize");
    expect(res.statusCode).toBe(400);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(["fields.1"]);
  });
});

describe("keyset pagination", () => {
  it("walks every visible lead exactly once, in order, for every sort", async () => {
    const team = await buildTeam(t.database.db);
    const { client } = await signedIn(t, "sales", team);
    const values = ["100", null, "250.5", "100", null, "99"];
    for (const [i, v] of values.entries()) {
      await client.post("/api/v1/leads", {
        lastName: i % 2 ? "Zeta" : "Alpha",
        companyName: i % 3 ? null : "Same GmbH",
        ...(v ? { estimatedValue: { amount: v, currency: "EUR" } } : {}),
      });
    }
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(
          "createdAt",
          "-createdAt",
          "name",
          "-name",
          "companyName",
          "-estimatedValue",
          "score",
          "-updatedAt",
        ),
        fc.integer({ min: 1, max: 4 }),
        async (sort, limit) => {
          const all = ids(await client.get(`/api/v1/leads?teamId=${team.id}&sort=${sort}&limit=200`));
          const walked: string[] = [];
          let cursor: string | null = null;
          do {
            const url: string = `/api/v1/leads?teamId=${team.id}&sort=${sort}&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`;
            const page: { data: { id: string }[]; nextCursor: string | null } = (
              await client.get(url)
            ).json();
            walked.push(...page.data.map((l) => l.id));
            cursor = page.nextCursor;
          } while (cursor && walked.length <= values.length);
          expect(walked).toEqual(all);
          expect(all).toHaveLength(values.length);
        },
      ),
      { numRuns: 15 },
    );
  });
});

describe("POST /api/v1/leads/bulk", () => {
  it("assigns many in one transaction and reports what it skipped", async () => {
    const team = await buildTeam(t.database.db);
    const { user, client } = await signedIn(t, "sales", team);
    const other = await signedIn(t, "sales");
    const one = (await client.post("/api/v1/leads", { lastName: "One" })).json();
    const two = (await client.post("/api/v1/leads", { lastName: "Two" })).json();
    const foreign = (await other.client.post("/api/v1/leads", { lastName: "Foreign" })).json();
    const res = (
      await client.post("/api/v1/leads/bulk", {
        action: "assign",
        ids: [one.id, two.id, foreign.id],
        ownerId: user.id,
      })
    ).json();
    expect(res.updated.sort()).toEqual([one.id, two.id].sort());
    expect(res.skipped).toEqual([{ id: foreign.id, reason: "Lead not found", code: "lead_not_found" }]);
    expect(ids(await client.get("/api/v1/leads?mine=true")).sort()).toEqual([one.id, two.id].sort());
    expect((await client.get(`/api/v1/leads/${one.id}`)).json().status).toBe("assigned");
  });

  it("closes, tags and deletes, skipping those the rules refuse", async () => {
    const team = await buildTeam(t.database.db);
    const { client } = await signedIn(t, "sales", team);
    const open = (await client.post("/api/v1/leads", { lastName: "Open" })).json();
    const dead = (await client.post("/api/v1/leads", { lastName: "Dead" })).json();
    await client.patch(`/api/v1/leads/${dead.id}`, { status: "dead", deadReason: "Duplicate" });
    const closing = (
      await client.post("/api/v1/leads/bulk", {
        action: "status",
        ids: [open.id, dead.id],
        status: "in_process",
      })
    ).json();
    expect(closing.updated).toEqual([]);
    expect(closing.skipped).toHaveLength(2);
    const tagged = (
      await client.post("/api/v1/leads/bulk", {
        action: "tag",
        ids: [open.id],
        add: ["q4", "q4"],
        remove: [],
      })
    ).json();
    expect(tagged.updated).toEqual([open.id]);
    expect((await client.get(`/api/v1/leads/${open.id}`)).json().tags).toEqual(["q4"]);
    const noReason = await client.post("/api/v1/leads/bulk", {
      action: "status",
      ids: [open.id],
      status: "dead",
    });
    expect(noReason.json().skipped[0]).toMatchObject({
      reason: expect.stringMatching(/reason/),
      code: "dead_reason_required",
    });
    expect(
      (await client.post("/api/v1/leads/bulk", { action: "delete", ids: [open.id, dead.id] })).json().updated,
    ).toHaveLength(2);
    expect(ids(await client.get(`/api/v1/leads?teamId=${team.id}`))).toEqual([]);
  });
});

describe("GET /api/v1/leads/export.csv", () => {
  it("exports the filtered visible leads with formulas neutralised", async () => {
    const team = await buildTeam(t.database.db);
    const { client } = await signedIn(t, "sales", team);
    await client.post("/api/v1/leads", {
      lastName: '=HYPERLINK("http://evil")',
      companyName: "+cmd",
      email: "csv@example.com",
    });
    await client.post("/api/v1/leads", { lastName: "Second lead" });
    const res = await client.get(`/api/v1/leads/export.csv?teamId=${team.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="leads-.*\.csv"/);
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\n");
    expect(lines[0]).toMatch(/^id,status,lifecycleStage,source/);
    expect(lines).toHaveLength(3);
    expect(res.body).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(res.body).toContain("'+cmd");
  });

  it("quotes cells with separators and guards a formula after each, so Excel splitting on ; or tab finds none (issue #14)", async () => {
    const team = await buildTeam(t.database.db);
    const { client } = await signedIn(t, "sales", team);
    const created = await client.post("/api/v1/leads", {
      lastName: "x;=cmd|' /C calc'!A0",
      firstName: "a,b;+1",
      companyName: 'Tab\t@SUM(1) "quoted"',
    });
    expect(created.statusCode).toBe(201);
    const res = await client.get(`/api/v1/leads/export.csv?teamId=${team.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`"x;'=cmd|' /C calc'!A0"`);
    for (const delimiter of [";", "\t", ","]) {
      const rows = excelCells(res.body, delimiter);
      expect(formulaCells(rows), delimiter).toEqual([]);
    }
    // Read as written (comma), each cell comes back whole, an apostrophe before each formula start.
    const [header = [], row = []] = excelCells(res.body, ",");
    expect(row[header.indexOf("lastName")]).toBe("x;'=cmd|' /C calc'!A0");
    expect(row[header.indexOf("firstName")]).toBe("a,b;'+1");
    expect(row[header.indexOf("companyName")]).toBe('Tab\t\'@SUM(1) "quoted"');
  });

  it("answers sales only with their visible leads", async () => {
    const mine = await signedIn(t, "sales", await buildTeam(t.database.db));
    const theirs = await signedIn(t, "sales", await buildTeam(t.database.db));
    await theirs.client.post("/api/v1/leads", { lastName: "Secret-Export-Lead" });
    const res = await mine.client.get("/api/v1/leads/export.csv");
    expect(res.body).not.toContain("Secret-Export-Lead");
  });
});

describe("round-robin assignment", () => {
  it("hands new unowned leads of a team to its active sales members in turn", async () => {
    const team = await buildTeam(t.database.db);
    const first = await signedIn(t, "sales", team);
    const second = await signedIn(t, "sales", team);
    await admin.patch("/api/v1/settings", { roundRobin: { enabled: true, teamIds: [team.id] } });
    try {
      const owners: string[] = [];
      for (let i = 0; i < 4; i++)
        owners.push((await first.client.post("/api/v1/leads", { lastName: `RR ${i}` })).json().ownerId);
      expect(new Set(owners)).toEqual(new Set([first.user.id, second.user.id]));
      expect(owners[0]).not.toBe(owners[1]);
      expect(owners[0]).toBe(owners[2]);
      const mine = ids(await second.client.get("/api/v1/leads?mine=true"));
      expect(mine).toHaveLength(2);
    } finally {
      await admin.patch("/api/v1/settings", { roundRobin: { enabled: false, teamIds: [] } });
    }
  });
});

describe("saved views", () => {
  it("keeps each user's views to themselves", async () => {
    const { client } = await signedIn(t, "sales");
    const other = await signedIn(t, "sales");
    const view = await client.post("/api/v1/views", {
      entity: "lead",
      name: "Hot",
      filters: { status: ["in_process"], scoreMin: 50 },
      sort: "-score",
      columns: ["name", "score"],
    });
    expect(view.statusCode).toBe(201);
    expect((await client.get("/api/v1/views?entity=lead")).json().data).toEqual([view.json()]);
    expect((await other.client.get("/api/v1/views?entity=lead")).json().data).toEqual([]);
    expect((await other.client.delete(`/api/v1/views/${view.json().id}`)).statusCode).toBe(404);
    expect((await client.delete(`/api/v1/views/${view.json().id}`)).statusCode).toBe(204);
  });
});
