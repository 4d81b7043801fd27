import {
  activities,
  dealOpenActivities,
  dealOpenTotals,
  deals,
  leadFirstActivities,
  leads,
} from "@server/db/schema";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { buildTeam } from "@test/factories";
import { buildActivity, buildDeal, buildLead, buildPipeline } from "@test/factories-crm";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * The figures the reports keep in advance by triggers (#18, migration deal_open_activities_lead_source)
 * against a live count after every kind of write: inserts, updates, soft and hard deletes, restores,
 * conversions and moves between deals and leads.
 */
let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signedIn(t, "admin")).client;
});
afterAll(() => t.close());

/** deal_open_activities as kept, and as counted live from the activities, sorted alike. */
async function openCounts() {
  const db = t.database.db;
  const kept = await db
    .select({ dealId: dealOpenActivities.dealId, n: dealOpenActivities.openCount })
    .from(dealOpenActivities)
    .orderBy(dealOpenActivities.dealId);
  const live = await db
    .select({ dealId: sql<string>`${activities.dealId}`, n: sql<number>`count(*)::int`.mapWith(Number) })
    .from(activities)
    .where(
      and(sql`${activities.dealId} is not null`, isNull(activities.deletedAt), eq(activities.done, false)),
    )
    .groupBy(activities.dealId)
    .orderBy(activities.dealId);
  return { kept, live };
}

/** deals.lead_source as kept, and the live lead's source looked up per deal. */
async function leadSources() {
  const rows = await t.database.db.execute<{ id: string; kept: string | null; live: string | null }>(sql`
    select d.id, d.lead_source as kept, l.source as live
      from ${deals} d left join ${leads} l on l.id = d.source_lead_id and l.deleted_at is null
     order by d.id`);
  const list = (rows as { rows?: unknown }).rows as {
    id: string;
    kept: string | null;
    live: string | null;
  }[];
  return { kept: list.map((r) => [r.id, r.kept]), live: list.map((r) => [r.id, r.live]) };
}

describe("deal_open_activities (kept by triggers on activities)", () => {
  it("equals the live count of open activities per deal after every kind of write", async () => {
    const db = t.database.db;
    const { stages } = await buildPipeline(db);
    const [first, second] = stages;
    if (!first || !second) throw new Error("pipeline without stages");
    const dealA = await buildDeal(db, { stage: first });
    const dealB = await buildDeal(db, { stage: second });
    const dealC = await buildDeal(db, { stage: first });
    const check = async () => {
      const { kept, live } = await openCounts();
      expect(kept).toEqual(live);
    };
    // Inserts: one by one, and several deals in one statement.
    const a1 = await buildActivity(db, { deal: dealA });
    await buildActivity(db, { deal: dealA, done: true });
    await check();
    const many = await db
      .insert(activities)
      .values([dealA, dealB, dealB, dealC].map((d) => ({ type: "task", subject: "Anrufen", dealId: d.id })))
      .returning({ id: activities.id });
    await check();
    expect((await openCounts()).kept).toHaveLength(3);
    // Through the API: created, done, reopened, deleted, restored.
    const created = await admin.post("/api/v1/activities", {
      type: "task",
      subject: "Angebot",
      dealId: dealC.id,
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    await check();
    expect((await admin.patch(`/api/v1/activities/${id}`, { done: true })).statusCode).toBe(200);
    await check();
    expect((await admin.patch(`/api/v1/activities/${id}`, { done: false })).statusCode).toBe(200);
    await check();
    expect((await admin.delete(`/api/v1/activities/${id}`)).statusCode).toBe(204);
    await check();
    await db.update(activities).set({ deletedAt: null }).where(eq(activities.id, id));
    await check();
    // Moved to another deal, off every deal, all done in one statement; a hard delete.
    await db.update(activities).set({ dealId: dealB.id }).where(eq(activities.id, a1.id));
    await check();
    const ids = many.map((r) => r.id);
    await db
      .update(activities)
      .set({ dealId: null })
      .where(eq(activities.id, ids[0] ?? ""));
    await check();
    await db.update(activities).set({ done: true }).where(eq(activities.dealId, dealB.id));
    await check();
    await db.delete(activities).where(inArray(activities.id, ids));
    await check();
    // A deal with none left has no row.
    const { kept } = await openCounts();
    expect(kept.map((r) => r.dealId)).not.toContain(dealB.id);
  });
});

describe("deals.lead_source (kept by triggers on deals and leads)", () => {
  it("equals the live lead's source after conversions, source edits, deletes and restores", async () => {
    const db = t.database.db;
    await buildPipeline(db);
    const check = async () => {
      const { kept, live } = await leadSources();
      expect(kept).toEqual(live);
    };
    const created = await admin.post("/api/v1/leads", {
      lastName: "Quelle",
      companyName: "Quelle GmbH",
      source: "trade_show",
    });
    expect(created.statusCode, created.body).toBe(201);
    const leadId = created.json().id as string;
    const converted = await admin.post(`/api/v1/leads/${leadId}/convert`, {
      contact: { create: {} },
      deal: {},
    });
    expect(converted.statusCode, converted.body).toBe(201);
    const dealId = converted.json().deal.id as string;
    await check();
    const [row] = await db.select({ source: deals.leadSource }).from(deals).where(eq(deals.id, dealId));
    expect(row?.source).toBe("trade_show");
    // The lead's source edited, the lead deleted and restored through the API.
    await db.update(leads).set({ source: "web_form" }).where(eq(leads.id, leadId));
    await check();
    expect((await admin.delete(`/api/v1/leads/${leadId}`)).statusCode).toBe(204);
    await check();
    expect((await admin.post(`/api/v1/leads/${leadId}/restore`, {})).statusCode).toBe(200);
    await check();
    // A deal re-pointed to another lead, unlinked, and a hand-written lead_source recomputed.
    const other = await buildLead(db, { source: "referral" });
    await db.update(deals).set({ sourceLeadId: other.id }).where(eq(deals.id, dealId));
    await check();
    await db.update(deals).set({ leadSource: "inbound_call" }).where(eq(deals.id, dealId));
    await check();
    await db.update(deals).set({ sourceLeadId: null }).where(eq(deals.id, dealId));
    await check();
    // Deals written with a lead in one statement; many leads' sources changed in one statement.
    const leadsOf = [
      await buildLead(db, { source: "trade_show" }),
      await buildLead(db, { source: "web_form" }),
    ];
    await Promise.all(leadsOf.map((lead) => buildDeal(db, { sourceLeadId: lead.id })));
    await check();
    await db
      .update(leads)
      .set({ source: "webinar" })
      .where(
        inArray(
          leads.id,
          leadsOf.map((l) => l.id),
        ),
      );
    await check();
  });
});

/** lead_funnel_team_days as kept (rows with leads), and counted live from the leads as the recount does. */
async function teamDays() {
  const rowsOf = (r: unknown) => (r as { rows?: unknown }).rows as Record<string, unknown>[];
  const kept = await t.database.db.execute(sql`
    select day::text, team_id, source, n_mal, n_mql, n_sal, n_sql, n_converted, n_won
      from lead_funnel_team_days where n_mal <> 0 order by 1, 2 nulls first, 3`);
  const live = await t.database.db.execute(sql`
    select (l.created_at at time zone 'UTC')::date::text as day, l.team_id, l.source, count(*)::int as n_mal,
           count(coalesce(l.mql_at, l.sal_at, l.sql_at, l.converted_at, w.closed_at))::int as n_mql,
           count(coalesce(l.sal_at, l.sql_at, l.converted_at, w.closed_at))::int as n_sal,
           count(coalesce(l.sql_at, l.converted_at, w.closed_at))::int as n_sql,
           count(coalesce(l.converted_at, w.closed_at))::int as n_converted,
           count(w.closed_at)::int as n_won
      from leads l
      left join deals w on w.id = l.converted_deal_id and w.status = 'won' and w.deleted_at is null
     where l.deleted_at is null
     group by 1, 2, 3 order by 1, 2 nulls first, 3`);
  const norm = (rows: Record<string, unknown>[]) =>
    rows.map((r) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [k, typeof v === "string" || v === null ? v : Number(v)]),
      ),
    );
  return { kept: norm(rowsOf(kept)), live: norm(rowsOf(live)) };
}

describe("lead_funnel_team_days (kept from lead_funnel_days by triggers)", () => {
  it("equals a live count per day, team and source after lead and deal writes", async () => {
    const db = t.database.db;
    const check = async () => {
      const { kept, live } = await teamDays();
      expect(kept).toEqual(live);
    };
    await check();
    const made = await admin.post("/api/v1/leads", {
      lastName: "Rollup",
      companyName: "Rollup KG",
      source: "webinar",
    });
    expect(made.statusCode, made.body).toBe(201);
    const leadId = made.json().id as string;
    await check();
    // Many leads in one statement, on two days; a step reached; a source changed; an owner changed.
    const many = await Promise.all(
      ["2026-03-01T10:00:00Z", "2026-03-01T11:00:00Z", "2026-03-02T09:00:00Z"].map((at) =>
        buildLead(db, { source: "referral", createdAt: new Date(at) }),
      ),
    );
    await check();
    const ids = many.map((l) => l.id);
    await db
      .update(leads)
      .set({ mqlAt: new Date("2026-03-03T00:00:00Z") })
      .where(inArray(leads.id, ids));
    await check();
    await db
      .update(leads)
      .set({ source: "trade_show" })
      .where(eq(leads.id, ids[0] ?? ""));
    await check();
    // Converted, its deal won, then the lead deleted and restored, one lead hard-deleted.
    const converted = await admin.post(`/api/v1/leads/${leadId}/convert`, {
      contact: { create: {} },
      deal: {},
    });
    expect(converted.statusCode, converted.body).toBe(201);
    await check();
    await db
      .update(deals)
      .set({ status: "won", closedAt: new Date() })
      .where(eq(deals.id, converted.json().deal.id as string));
    await check();
    expect((await admin.delete(`/api/v1/leads/${leadId}`)).statusCode).toBe(204);
    await check();
    expect((await admin.post(`/api/v1/leads/${leadId}/restore`, {})).statusCode).toBe(200);
    await check();
    await db.delete(leads).where(eq(leads.id, ids[2] ?? ""));
    await check();
    // The full recount (bulk loads) keeps it too.
    await db.execute(sql`select lead_funnel_recount()`);
    await check();
  });
});

/** lead_first_activities as kept, and recounted from the activities (live ones with a lead), by lead. */
async function firstActivities() {
  const rowsOf = (r: unknown) => (r as { rows?: unknown }).rows as Record<string, unknown>[];
  const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString());
  const norm = (rows: Record<string, unknown>[]) =>
    rows.map((r) => [String(r.lead_id), iso(r.lead_created_at), iso(r.first_at)]);
  const kept = await t.database.db.execute(sql`
    select lead_id, lead_created_at, first_at from ${leadFirstActivities} order by lead_id`);
  const live = await t.database.db.execute(sql`
    select a.lead_id, l.created_at as lead_created_at, min(a.created_at) as first_at
      from activities a join leads l on l.id = a.lead_id
     where a.deleted_at is null
     group by a.lead_id, l.created_at order by a.lead_id`);
  return { kept: norm(rowsOf(kept)), live: norm(rowsOf(live)) };
}

describe("lead_first_activities (kept by triggers on activities)", () => {
  const at = (hours: number) => new Date(Date.parse("2026-05-04T08:00:00Z") + hours * 3_600_000);
  const check = async () => {
    const { kept, live } = await firstActivities();
    expect(kept).toEqual(live);
  };

  it("equals a recount from the activities after conversion, lead delete and restore, and API writes", async () => {
    const db = t.database.db;
    await buildPipeline(db);
    const made = await admin.post("/api/v1/leads", { lastName: "Antwort", companyName: "Antwort AG" });
    expect(made.statusCode, made.body).toBe(201);
    const leadId = made.json().id as string;
    const activity = await admin.post("/api/v1/activities", { type: "call", subject: "Erstkontakt", leadId });
    expect(activity.statusCode, activity.body).toBe(201);
    await check();
    expect((await firstActivities()).kept.map(([id]) => id)).toContain(leadId);
    // Converted (its activities get the deal and contact), deleted and restored: still the lead's.
    const converted = await admin.post(`/api/v1/leads/${leadId}/convert`, {
      contact: { create: {} },
      deal: {},
    });
    expect(converted.statusCode, converted.body).toBe(201);
    await check();
    expect((await admin.delete(`/api/v1/leads/${leadId}`)).statusCode).toBe(204);
    await check();
    expect((await admin.post(`/api/v1/leads/${leadId}/restore`, {})).statusCode).toBe(200);
    await check();
    // The activity deleted through the API: the lead has none left, so no row.
    expect((await admin.delete(`/api/v1/activities/${activity.json().id as string}`)).statusCode).toBe(204);
    await check();
    expect((await firstActivities()).kept.map(([id]) => id)).not.toContain(leadId);
  });

  // Random writes of every kind that moves a lead's first activity: inserts (one or several in one
  // statement), soft deletes and restores, a move to another lead (as a merge does), unlinking, hard
  // deletes; the kept rows equal the recount after each sequence.
  const op = fc.oneof(
    fc.record({
      kind: fc.constant("insert" as const),
      lead: fc.nat(2),
      hours: fc.integer({ min: -5, max: 50 }),
    }),
    fc.record({
      kind: fc.constant("insertMany" as const),
      leads: fc.array(fc.tuple(fc.nat(2), fc.integer({ min: -5, max: 50 })), { minLength: 2, maxLength: 3 }),
    }),
    fc.record({ kind: fc.constant("softDelete" as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant("restore" as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant("move" as const), pick: fc.nat(), lead: fc.nat(2) }),
    fc.record({ kind: fc.constant("unlink" as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant("hardDelete" as const), pick: fc.nat() }),
  );

  it("equals a recount after random inserts, deletes, restores and moves between leads", async () => {
    const db = t.database.db;
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 5 }), async (ops) => {
        const people = await Promise.all([0, 1, 2].map(() => buildLead(db)));
        const ids: string[] = [];
        const lead = (i: number) => people[i % people.length]?.id ?? null;
        const pick = (i: number) =>
          ids[i % Math.max(ids.length, 1)] ?? "00000000-0000-0000-0000-000000000000";
        for (const o of ops) {
          if (o.kind === "insert") {
            const [row] = await db
              .insert(activities)
              .values({ type: "task", subject: "Rückruf", leadId: lead(o.lead), createdAt: at(o.hours) })
              .returning({ id: activities.id });
            if (row) ids.push(row.id);
          } else if (o.kind === "insertMany") {
            const rows = await db
              .insert(activities)
              .values(
                o.leads.map(([l, h]) => ({
                  type: "note" as const,
                  subject: "Notiz",
                  leadId: lead(l),
                  createdAt: at(h),
                })),
              )
              .returning({ id: activities.id });
            ids.push(...rows.map((r) => r.id));
          } else if (o.kind === "softDelete") {
            await db
              .update(activities)
              .set({ deletedAt: new Date() })
              .where(eq(activities.id, pick(o.pick)));
          } else if (o.kind === "restore") {
            await db
              .update(activities)
              .set({ deletedAt: null })
              .where(eq(activities.id, pick(o.pick)));
          } else if (o.kind === "move") {
            await db
              .update(activities)
              .set({ leadId: lead(o.lead) })
              .where(eq(activities.id, pick(o.pick)));
          } else if (o.kind === "unlink") {
            await db
              .update(activities)
              .set({ leadId: null })
              .where(eq(activities.id, pick(o.pick)));
          } else {
            await db.delete(activities).where(eq(activities.id, pick(o.pick)));
          }
        }
        await check();
      }),
      { numRuns: 5 },
    );
  });

  it("stays exact when two transactions add activities to the same lead at once (PostgreSQL)", async () => {
    if (t.database.kind !== "postgres") return;
    const db = t.database.db;
    const lead = await buildLead(db);
    let releaseFirst: () => void = () => {};
    const firstMayCommit = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let firstInserted: () => void = () => {};
    const inserted = new Promise<void>((resolve) => {
      firstInserted = resolve;
    });
    // The first writer adds the earlier activity and holds its transaction open; the second adds a
    // later one meanwhile. Its trigger waits for the first's lock on the lead and only then recounts:
    // a recount from before the wait would not see the first's activity and keep the later time.
    const first = db.transaction(async (tx) => {
      await tx
        .insert(activities)
        .values({ type: "task", subject: "Früher", leadId: lead.id, createdAt: at(2) });
      firstInserted();
      await firstMayCommit;
    });
    await inserted;
    const second = db.transaction(async (tx) => {
      await tx
        .insert(activities)
        .values({ type: "task", subject: "Später", leadId: lead.id, createdAt: at(10) });
    });
    // Wait until the second writer's trigger is blocked on the first's row lock, then let the first commit.
    for (;;) {
      const waiting = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%activities%'`,
      );
      if (Number(((waiting as { rows?: { n: number }[] }).rows ?? [])[0]?.n ?? 0) > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    releaseFirst();
    await Promise.all([first, second]);
    await check();
    const [row] = await db
      .select({ firstAt: leadFirstActivities.firstAt })
      .from(leadFirstActivities)
      .where(eq(leadFirstActivities.leadId, lead.id));
    expect(row?.firstAt.toISOString()).toBe(at(2).toISOString());
  });
});

/** deal_open_totals as kept, and summed live from the open deals, per key, sorted and formatted alike. */
async function openTotals() {
  const keyOrder = sql.raw("1, 2, 3, 4, 5, 6, 7");
  const read = async (query: ReturnType<typeof sql>) =>
    ((await t.database.db.execute(query)) as unknown as { rows: Record<string, unknown>[] }).rows.map((r) =>
      Object.values(r).map((v) => (v === null ? null : String(v))),
    );
  const kept = await read(sql`
    select pipeline_id, stage_id, owner_id, team_id, currency, probability, close_month::text as close_month,
           deals, with_amount, amount_sum::numeric(20, 2)::text as amount_sum
      from ${dealOpenTotals} order by ${keyOrder}`);
  const live = await read(sql`
    select pipeline_id, stage_id, owner_id, team_id, currency, probability,
           date_trunc('month', expected_close_date)::date::text as close_month, count(*)::int as deals,
           count(amount)::int as with_amount, coalesce(sum(amount), 0)::numeric(20, 2)::text as amount_sum
      from ${deals} where status = 'open' and deleted_at is null
     group by ${keyOrder} order by ${keyOrder}`);
  return { kept, live };
}

describe("deal_open_totals (kept by triggers on deals)", () => {
  const check = async () => {
    const { kept, live } = await openTotals();
    expect(kept).toEqual(live);
  };

  it("equals a live sum of the open deals per key after every kind of write", async () => {
    const db = t.database.db;
    const { stages } = await buildPipeline(db);
    const [first, second, third] = stages;
    if (!first || !second || !third) throw new Error("pipeline without stages");
    const team = await buildTeam(db);
    await check();
    // Inserts: one by one (with and without amount, probability, close date) and several in one statement.
    const a = await buildDeal(db, { stage: first, team, expectedCloseDate: "2027-03-10", amount: "100.10" });
    await buildDeal(db, { stage: first, team, expectedCloseDate: "2027-03-28", amount: null });
    await buildDeal(db, { stage: first, team, expectedCloseDate: null, probability: 40 });
    await check();
    const many = await db
      .insert(deals)
      .values(
        [first, second, second, third].map((stage, i) => ({
          title: `Viele ${i}`,
          pipelineId: stage.pipelineId,
          stageId: stage.id,
          teamId: team.id,
          amount: `${1000 + i}.25`,
          expectedCloseDate: `2027-0${i + 1}-15`,
        })),
      )
      .returning({ id: deals.id });
    await check();
    // Through the API: created, changed (amount, currency, probability, close month), moved, won,
    // reopened, lost, deleted.
    const created = await admin.post("/api/v1/deals", {
      title: "Summe",
      stageId: first.id,
      amount: { amount: "5000.00", currency: "EUR" },
      expectedCloseDate: "2027-05-31",
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    await check();
    const patched = await admin.patch(`/api/v1/deals/${id}`, {
      amount: { amount: "99.99", currency: "CHF" },
      probability: 65,
      expectedCloseDate: "2027-06-01",
    });
    expect(patched.statusCode, patched.body).toBe(200);
    await check();
    expect((await admin.post(`/api/v1/deals/${id}/move`, { stageId: second.id })).statusCode).toBe(200);
    await check();
    expect((await admin.post(`/api/v1/deals/${id}/won`, {})).statusCode).toBe(200);
    await check();
    expect((await admin.post(`/api/v1/deals/${id}/reopen`, {})).statusCode).toBe(200);
    await check();
    expect((await admin.post(`/api/v1/deals/${id}/lost`, { reason: "Preis" })).statusCode).toBe(200);
    await check();
    expect((await admin.delete(`/api/v1/deals/${a.id}`)).statusCode).toBe(204);
    await check();
    // Restored, a move within the column (no summed column changes), owner and team of many at once,
    // a title edit, a hard delete.
    await db.update(deals).set({ deletedAt: null }).where(eq(deals.id, a.id));
    await check();
    await db.update(deals).set({ position: 99 }).where(eq(deals.id, a.id));
    await db.update(deals).set({ title: "Umbenannt" }).where(eq(deals.teamId, team.id));
    await check();
    const other = await buildTeam(db);
    const ids = many.map((r) => r.id);
    await db.update(deals).set({ teamId: other.id, probability: 30 }).where(inArray(deals.id, ids));
    await check();
    await db.delete(deals).where(inArray(deals.id, ids.slice(0, 2)));
    await check();
    // A key whose last deal left has no row.
    const keys = await db
      .select({ stageId: dealOpenTotals.stageId, n: dealOpenTotals.deals })
      .from(dealOpenTotals);
    expect(keys.every((k) => k.n > 0)).toBe(true);
  });

  it("equals a live sum after random writes to a few deals", async () => {
    const db = t.database.db;
    const { stages } = await buildPipeline(db);
    const [teamA, teamB] = [await buildTeam(db), await buildTeam(db)];
    const pool = await Promise.all(
      [0, 1, 2, 3].map((i) => buildDeal(db, { stage: stages[i % stages.length], team: teamA })),
    );
    const write = fc.record({
      deal: fc.integer({ min: 0, max: pool.length - 1 }),
      stage: fc.integer({ min: 0, max: stages.length - 1 }),
      status: fc.constantFrom("open", "open", "won", "lost"),
      team: fc.constantFrom(teamA, teamB),
      amount: fc.option(fc.integer({ min: 0, max: 1_000_000 }), { nil: null }),
      probability: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      close: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      deleted: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 1, maxLength: 8 }), async (writes) => {
        for (const w of writes) {
          const deal = pool[w.deal];
          const stage = stages[w.stage];
          if (!deal || !stage) continue;
          await db
            .update(deals)
            .set({
              stageId: stage.id,
              status: w.status,
              teamId: w.team.id,
              amount: w.amount === null ? null : (w.amount / 100).toFixed(2),
              probability: w.probability,
              expectedCloseDate:
                w.close === null ? null : new Date(Date.UTC(2027, 0, 1 + w.close)).toISOString().slice(0, 10),
              deletedAt: w.deleted ? new Date() : null,
            })
            .where(eq(deals.id, deal.id));
        }
        await check();
      }),
      { numRuns: 5 },
    );
  });

  it("counts for a salesperson only the deals their gate lets them see", async () => {
    const db = t.database.db;
    const { stages } = await buildPipeline(db);
    const stage = stages[0];
    if (!stage) throw new Error("pipeline without stages");
    const sales = await teamWithSales(t);
    const mate = await signedIn(t, "sales", sales.team);
    const stranger = await teamWithSales(t);
    const elsewhere = await buildTeam(db);
    const make = (ownerId: string, teamId: string, amount: string) =>
      buildDeal(db, { stage, ownerId, teamId, amount, expectedCloseDate: "2099-01-15" });
    await make(sales.user.id, sales.team.id, "100.00"); // own, own team
    await make(mate.user.id, sales.team.id, "20.00"); // the team's
    await make(sales.user.id, elsewhere.id, "3.00"); // own, outside the team
    await make(stranger.user.id, stranger.team.id, "4000.00"); // not theirs to see
    const pipeline = async (client: Client) =>
      (await client.get(`/api/v1/reports/pipeline?pipelineId=${stage.pipelineId}&timeZone=UTC`)).json()
        .stages[0];
    expect(await pipeline(sales.client)).toMatchObject({
      count: 3,
      sum: [{ amount: "123.00", currency: "EUR" }],
    });
    expect(await pipeline(stranger.client)).toMatchObject({
      count: 1,
      sum: [{ amount: "4000.00", currency: "EUR" }],
    });
    expect(await pipeline(admin)).toMatchObject({ count: 4, sum: [{ amount: "4123.00", currency: "EUR" }] });
    const later = async (client: Client) =>
      (await client.get(`/api/v1/reports/forecast?pipelineId=${stage.pipelineId}&timeZone=UTC`))
        .json()
        .buckets.find((b: { key: string }) => b.key === "later");
    expect(await later(sales.client)).toMatchObject({ count: 3 });
    expect(await later(mate.client)).toMatchObject({ count: 2 });
    // The dashboard's own pipeline: only what the reader owns.
    const dash = (
      await sales.client.get(`/api/v1/reports/dashboard?pipelineId=${stage.pipelineId}&timeZone=UTC`)
    ).json();
    expect(dash.mine.pipeline.stages[0]).toMatchObject({
      count: 2,
      sum: [{ amount: "103.00", currency: "EUR" }],
    });
  });

  it("stays exact when two transactions change deals of the same key at once (PostgreSQL)", async () => {
    if (t.database.kind !== "postgres") return;
    const db = t.database.db;
    const { stages } = await buildPipeline(db);
    const stage = stages[0];
    if (!stage) throw new Error("pipeline without stages");
    const team = await buildTeam(db);
    const same = { stage, team, amount: "10.00", expectedCloseDate: "2027-04-01" };
    const only = await buildDeal(db, same);
    let releaseFirst: () => void = () => {};
    const firstMayCommit = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    let firstWrote: () => void = () => {};
    const wrote = new Promise<void>((resolve) => {
      firstWrote = resolve;
    });
    // The first writer wins the key's only deal (its row drops to 0 and is removed) and holds its
    // transaction open; the second adds a deal of the same key meanwhile and waits for the first's row.
    const first = db.transaction(async (tx) => {
      await tx.update(deals).set({ status: "won", closedAt: new Date() }).where(eq(deals.id, only.id));
      firstWrote();
      await firstMayCommit;
    });
    await wrote;
    const second = db.transaction(async (tx) => {
      await tx.insert(deals).values({
        title: "Gleichzeitig",
        ownerId: only.ownerId,
        pipelineId: stage.pipelineId,
        stageId: stage.id,
        teamId: team.id,
        amount: "5.00",
        expectedCloseDate: "2027-04-20",
      });
    });
    for (;;) {
      const waiting = await db.execute<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%deal%'`,
      );
      if (Number(((waiting as { rows?: { n: number }[] }).rows ?? [])[0]?.n ?? 0) > 0) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    releaseFirst();
    await Promise.all([first, second]);
    await check();
    const rows = await db
      .select({ n: dealOpenTotals.deals, sum: dealOpenTotals.amountSum })
      .from(dealOpenTotals)
      .where(eq(dealOpenTotals.teamId, team.id));
    expect(rows).toEqual([{ n: 1, sum: "5.00" }]);
  });
});
