import { inScope, type Principal } from "@domain/access-policy";
import { DEFAULT_MATRIX } from "@domain/permissions/permission-matrix";
import { auditLog } from "@server/db/schema";
import { dealChanged } from "@server/live/live-message";
import type { Role } from "@shared/schemas/common";
import {
  type EntityRights,
  OWNED_ENTITIES,
  type OwnedEntity,
  type RolePermissions,
  type Scope,
} from "@shared/schemas/permissions";
import { buildTestApp, type Client, type TestApp } from "@test/app";
import { buildTeam, buildUser } from "@test/factories";
import {
  buildActivity,
  buildCompany,
  buildContact,
  buildDeal,
  buildLead,
  buildPipeline,
} from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { listenOnce, openEventStream } from "@test/sse-client";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * The generated permission matrix (issue #14 point 1): role × entity × right × whose record (own,
 * team's, another team's), through the API on this test's database (PGlite or PostgreSQL). The
 * records are built once; each `it` walks its part of the matrix in loops, saving rows through
 * `PUT /permissions/{role}` as an admin would.
 */

let t: TestApp;
let base: string;
const PATH: Record<OwnedEntity, string> = {
  lead: "leads",
  contact: "contacts",
  company: "companies",
  deal: "deals",
  activity: "activities",
};
/** A harmless change per entity, for trying an edit. */
const EDIT: Record<OwnedEntity, Record<string, unknown>> = {
  lead: { department: "edited" },
  contact: { jobTitle: "edited" },
  company: { industry: "edited" },
  deal: { description: "edited" },
  activity: { subject: "edited" },
};
type Whose = "own" | "team" | "other";
const WHOSE: readonly Whose[] = ["own", "team", "other"];
interface Actor {
  role: Role;
  client: Client;
  principal: Principal;
  /** Per entity and whose: the record's id, team and owner. */
  records: Record<OwnedEntity, Record<Whose, { id: string; teamId: string | null; ownerId: string | null }>>;
}
let admin: Client;
const actors = new Map<Role, Actor>();
const ROLES_UNDER_TEST = ["manager", "sales", "marketing"] as const;

const put = (client: Client, role: Role, rights: unknown) =>
  client.request({ method: "PUT", url: `/api/v1/permissions/${role}`, payload: rights as object });
/** A whole row: every owned entity with `rights` (quotes at their defaults). */
const rowOf = (role: Role, rights: (entity: OwnedEntity) => EntityRights): RolePermissions => {
  const row = { ...DEFAULT_MATRIX[role] };
  for (const entity of OWNED_ENTITIES) row[entity] = rights(entity);
  return row;
};
const scoped = (read: Scope, edit: Scope = read, del: Scope = edit): EntityRights => ({
  create: read !== "none",
  read,
  edit,
  delete: del,
  export: read !== "none",
  changeOwner: true,
});
async function save(role: Role, row: RolePermissions) {
  const response = await put(admin, role, row);
  expect(response.statusCode, response.body).toBe(200);
}
const actor = (role: Role): Actor => {
  const found = actors.get(role);
  if (!found) throw new Error(`no ${role}`);
  return found;
};

beforeAll(async () => {
  t = await buildTestApp();
  base = await listenOnce(t.app);
  const db = t.database.db;
  const [home, away] = [await buildTeam(db), await buildTeam(db)];
  if (!home || !away) throw new Error("two teams");
  admin = (await signedIn(t, "admin", home)).client;
  const colleague = await buildUser(db, { role: "sales", team: home });
  const stranger = await buildUser(db, { role: "sales", team: away });
  const { stages } = await buildPipeline(db);
  const firstStage = stages[0];
  if (!firstStage) throw new Error("a stage");
  for (const role of ["admin", ...ROLES_UNDER_TEST] as const) {
    const me = await signedIn(t, role, home);
    // own: mine, though in the other team (so only ownership makes it visible); team: a colleague's in
    // my team; other: a stranger's in the other team.
    const owners = {
      own: { owner: me.user, team: away },
      team: { owner: colleague, team: home },
      other: { owner: stranger, team: away },
    };
    const records = {} as Actor["records"];
    for (const entity of OWNED_ENTITIES) records[entity] = {} as Actor["records"][OwnedEntity];
    for (const whose of WHOSE) {
      const o = owners[whose];
      const lead = await buildLead(db, { ...o, lastName: `Matrix ${role} ${whose}` });
      const company = await buildCompany(db, { ...o });
      const contact = await buildContact(db, { ...o });
      const deal = await buildDeal(db, { ...o, stage: firstStage });
      const activity = await buildActivity(db, { ...o, lead });
      for (const [entity, row] of [
        ["lead", lead],
        ["contact", contact],
        ["company", company],
        ["deal", deal],
        ["activity", activity],
      ] as const)
        records[entity][whose] = { id: row.id, teamId: row.teamId, ownerId: row.ownerId };
    }
    actors.set(role, {
      role,
      client: me.client,
      principal: { id: me.user.id, role, teamId: home.id },
      records,
    });
  }
}, 240_000);
afterAll(() => t.close());

/** The ids of our records in one list page of the entity (`q` to search). */
async function listed(a: Actor, entity: OwnedEntity, query = ""): Promise<Set<string>> {
  const response = await a.client.get(`/api/v1/${PATH[entity]}?limit=200${query}`);
  expect(response.statusCode, response.body).toBe(200);
  const ours = new Set(WHOSE.map((w) => a.records[entity][w].id));
  return new Set((response.json().data as { id: string }[]).map((r) => r.id).filter((id) => ours.has(id)));
}

describe("the permission matrix, generated over role × entity × right × whose record", () => {
  it("gives every role its Read scope in get, list and export, and the admin always everything", async () => {
    for (const role of ROLES_UNDER_TEST) {
      for (const read of ["all", "team", "own", "none"] as const) {
        await save(
          role,
          rowOf(role, () => scoped(read)),
        );
        const a = actor(role);
        for (const entity of OWNED_ENTITIES) {
          const list = await listed(a, entity);
          for (const whose of WHOSE) {
            const record = a.records[entity][whose];
            const expected = inScope(a.principal, read, record);
            const get = await a.client.get(`/api/v1/${PATH[entity]}/${record.id}`);
            expect([role, read, entity, whose, get.statusCode]).toEqual([
              role,
              read,
              entity,
              whose,
              expected ? 200 : 404,
            ]);
            expect([role, read, entity, whose, list.has(record.id)]).toEqual([
              role,
              read,
              entity,
              whose,
              expected,
            ]);
          }
        }
        // Export is its own right: refused with "none", which takes it away with Read.
        const exported = await a.client.get("/api/v1/leads/export.csv");
        expect([role, read, exported.statusCode]).toEqual([role, read, read === "none" ? 403 : 200]);
      }
    }
    const asAdmin = actor("admin");
    for (const entity of OWNED_ENTITIES) expect((await listed(asAdmin, entity)).size).toBe(3);
  }, 120_000);

  it("lets Edit and Delete reach only their own scope of what Read shows", async () => {
    for (const role of ROLES_UNDER_TEST) {
      for (const narrow of ["team", "own", "none"] as const) {
        await save(
          role,
          rowOf(role, () => scoped("all", narrow)),
        );
        const a = actor(role);
        for (const entity of OWNED_ENTITIES) {
          for (const whose of WHOSE) {
            const record = a.records[entity][whose];
            const may = inScope(a.principal, narrow, record);
            const body = (await a.client.get(`/api/v1/${PATH[entity]}/${record.id}`)).json();
            expect([role, narrow, entity, whose, body.abilities.update, body.abilities.delete]).toEqual([
              role,
              narrow,
              entity,
              whose,
              may,
              may,
            ]);
          }
          // The service refuses what the abilities deny: another team's record, edited and deleted.
          const other = a.records[entity].other;
          const edit = await a.client.patch(`/api/v1/${PATH[entity]}/${other.id}`, EDIT[entity]);
          expect([role, narrow, entity, edit.statusCode]).toEqual([role, narrow, entity, 403]);
          const del = await a.client.delete(`/api/v1/${PATH[entity]}/${other.id}`);
          expect([role, narrow, entity, del.statusCode]).toEqual([role, narrow, entity, 403]);
        }
      }
    }
    // Back to the defaults: editing one's own record works again.
    const sales = actor("sales");
    await save("sales", DEFAULT_MATRIX.sales);
    const own = sales.records.contact.own;
    expect((await sales.client.patch(`/api/v1/contacts/${own.id}`, EDIT.contact)).statusCode).toBe(200);
  }, 120_000);

  it("refuses Create, Export and Change owner where the matrix says no", async () => {
    const sales = actor("sales");
    const no = (entity: OwnedEntity) => ({
      ...DEFAULT_MATRIX.sales[entity],
      create: false,
      export: false,
      changeOwner: false,
    });
    await save("sales", rowOf("sales", no));
    const created = await sales.client.post("/api/v1/contacts", { lastName: "Refused" });
    expect(created.statusCode).toBe(403);
    expect(created.json().code).toBe("create_forbidden");
    expect((await sales.client.post("/api/v1/companies", { name: "Refused GmbH" })).statusCode).toBe(403);
    for (const entity of OWNED_ENTITIES) {
      const exported = await sales.client.get(`/api/v1/${PATH[entity]}/export.csv`);
      expect([entity, exported.statusCode, exported.json().code]).toEqual([entity, 403, "export_forbidden"]);
    }
    const colleague = sales.records.lead.team.ownerId;
    const handed = await sales.client.patch(`/api/v1/leads/${sales.records.lead.own.id}`, {
      ownerId: colleague,
    });
    expect(handed.statusCode).toBe(403);
    expect(handed.json().code).toBe("owner_change_forbidden");
    const me = (await sales.client.get("/api/v1/me")).json();
    expect(me.permissions.lead).toMatchObject({ create: false, export: false, changeOwner: false });

    await save("sales", DEFAULT_MATRIX.sales);
    expect((await sales.client.post("/api/v1/contacts", { lastName: "Allowed" })).statusCode).toBe(201);
    expect((await sales.client.get("/api/v1/leads/export.csv")).statusCode).toBe(200);
  }, 60_000);

  it("walks the issue: an admin narrows sales to own leads and deals; list, search, board, export and counts follow", async () => {
    const sales = actor("sales");
    await save("sales", { ...DEFAULT_MATRIX.sales, lead: scoped("own"), deal: scoped("own") });
    const own = sales.records.lead.own.id;
    expect([...(await listed(sales, "lead"))]).toEqual([own]);
    expect([...(await listed(sales, "lead", "&q=Matrix"))]).toEqual([own]);
    const csv = (await sales.client.get("/api/v1/leads/export.csv")).body;
    expect(csv).toContain("Matrix sales own");
    expect(csv).not.toContain("Matrix sales team");
    expect(csv).not.toContain("Matrix admin");
    // Dashboard counts: the funnel counts only leads the reader sees (this test's own lead, and the
    // leads the activities were built on that the reader owns: none).
    const funnel = (await sales.client.get("/api/v1/reports/funnel")).json();
    expect(funnel.steps[0].count).toBe(1);
    const deals = await listed(sales, "deal");
    expect([...deals]).toEqual([sales.records.deal.own.id]);
    const pipelineId = (await sales.client.get(`/api/v1/deals/${sales.records.deal.own.id}`)).json()
      .pipelineId;
    const board = (await sales.client.get(`/api/v1/pipelines/${pipelineId}/board`)).json();
    const cards = (board.columns as { deals: { id: string }[] }[]).flatMap((s) => s.deals.map((d) => d.id));
    expect(cards).toEqual([sales.records.deal.own.id]);
    const counted = (board.columns as { count: number }[]).reduce((sum, c) => sum + c.count, 0);
    expect(counted).toBe(1);

    // Live events follow the same Read: the team's deal changes no longer reach the salesperson.
    const stream = await openEventStream(base, { cookie: sales.client.cookieHeader() });
    try {
      const teamDeal = sales.records.deal.team;
      const ownDeal = sales.records.deal.own;
      for (const deal of [teamDeal, ownDeal]) await t.app.live.publish(dealChanged({ ...deal, pipelineId }));
      await stream.next((e) => (e as { id?: string }).id === ownDeal.id);
      expect(stream.events.some((e) => (e as { id?: string }).id === teamDeal.id)).toBe(false);
    } finally {
      stream.close();
    }
    await save("sales", DEFAULT_MATRIX.sales);
    expect((await listed(sales, "lead")).size).toBe(2);
  }, 60_000);

  it("is the admin's alone, keeps the admin row fixed, names a bad cell and audits before → after", async () => {
    const sales = actor("sales");
    expect((await sales.client.get("/api/v1/permissions")).statusCode).toBe(403);
    expect((await put(sales.client, "sales", DEFAULT_MATRIX.sales)).statusCode).toBe(403);
    const fixed = await put(admin, "admin", { ...DEFAULT_MATRIX.admin, lead: scoped("own") });
    expect(fixed.statusCode).toBe(422);
    expect(fixed.json().code).toBe("permission_role_fixed");
    const wide = await put(admin, "sales", { ...DEFAULT_MATRIX.sales, lead: scoped("own", "all", "own") });
    // Schema errors answer 400 like every request body here; the rule on the admin row 422.
    expect(wide.statusCode).toBe(400);
    expect(wide.json().errors).toEqual([expect.objectContaining({ path: "lead.edit" })]);
    const unknown = await put(admin, "sales", {
      ...DEFAULT_MATRIX.sales,
      lead: { ...scoped("own"), read: "some" },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([expect.objectContaining({ path: "lead.read" })]);
    const missing = await put(admin, "sales", { lead: scoped("own") });
    expect(missing.statusCode).toBe(400);

    await save("marketing", DEFAULT_MATRIX.marketing);
    await save("marketing", { ...DEFAULT_MATRIX.marketing, contact: scoped("own") });
    const matrix = (await admin.get("/api/v1/permissions")).json();
    expect(matrix.roles.marketing.contact.read).toBe("own");
    expect(matrix.roles.admin).toEqual(DEFAULT_MATRIX.admin);
    expect(matrix.defaults.marketing.contact.read).toBe("team");
    const [entry] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, "settings.permissions_changed"))
      .orderBy(auditLog.id)
      .then((rows) => rows.slice(-1));
    expect(entry?.changes).toEqual({
      role: "marketing",
      changes: {
        "contact.read": { from: "team", to: "own" },
        "contact.edit": { from: "team", to: "own" },
        "contact.delete": { from: "team", to: "own" },
      },
    });
    await save("marketing", DEFAULT_MATRIX.marketing);
  }, 60_000);
});
