import type { IntakeInput } from "@domain/intake/intake-types";
import { auditLog, companies, contacts, intakeLog, leadConsents, leads } from "@server/db/schema";
import { upsertSetting } from "@server/modules/settings/settings.repository";
import { buildTestApp, type TestApp } from "@test/app";
import { buildTeam, buildUser } from "@test/factories";
import { signedIn } from "@test/lead-helpers";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { intakeBatch } from "./intake.service";
import { writeIntakeSettings } from "./intake-settings";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const run = (
  inputs: IntakeInput[],
  options: Parameters<typeof intakeBatch>[4] = {},
  channel: "web_form" | "import" = "web_form",
) =>
  t.database.db.transaction((tx) =>
    intakeBatch(tx, { actor: null, requestId: "test" }, channel, inputs, options),
  );

let n = 0;
const unique = (name: string) => `${name}-${++n}-${Date.now()}`;

describe("intakeBatch: one submission", () => {
  it("creates a lead with normalised email, E.164 phone beside the typed one, and the form as source detail", async () => {
    const email = `${unique("anna")}@Example.COM `;
    const { decisions, live } = await run(
      [
        {
          firstName: "Anna",
          lastName: "Berg",
          email,
          phone: "030 1234567",
          website: "www.berg.example",
          consent: { given: true, text: "Ja, ich will", policyVersion: "v3" },
        },
      ],
      { sourceDetail: "Messe-Anmeldung", clientHash: "abc" },
    );
    expect(decisions).toEqual([
      expect.objectContaining({ index: 0, decision: "created", reason: null, contactId: null }),
    ]);
    const leadId = decisions[0]?.leadId ?? "";
    const [lead] = await t.database.db.select().from(leads).where(eq(leads.id, leadId));
    expect(lead).toMatchObject({
      email: email.trim().toLowerCase(),
      phone: "030 1234567",
      phoneNormalized: "+49301234567",
      website: "https://www.berg.example",
      source: "web_form",
      sourceDetail: "Messe-Anmeldung",
      status: "new",
    });
    const actions = await t.database.db
      .select({ action: auditLog.action, changes: auditLog.changes })
      .from(auditLog)
      .where(eq(auditLog.entityId, leadId));
    expect(actions.map((a) => a.action).sort()).toEqual(["lead.created", "lead.intake_received"]);
    const [consent] = await t.database.db.select().from(leadConsents).where(eq(leadConsents.leadId, leadId));
    expect(consent).toMatchObject({ policyVersion: "v3", consentText: "Ja, ich will", ipHash: "abc" });
    expect(live).toEqual([expect.objectContaining({ event: { type: "lead.changed", id: leadId } })]);
    const [log] = await t.database.db.select().from(intakeLog).where(eq(intakeLog.leadId, leadId));
    expect(log).toMatchObject({ channel: "web_form", decision: "created", sourceDetail: "Messe-Anmeldung" });
  });

  it("links the lead to a known contact found by email, and to the contact's company", async () => {
    const email = `${unique("known")}@kunde.example`;
    const [company] = await t.database.db.insert(companies).values({ name: "Kunde GmbH" }).returning();
    const [contact] = await t.database.db
      .insert(contacts)
      .values({ lastName: "Known", email: email.toUpperCase(), companyId: company?.id ?? null })
      .returning();
    const { decisions } = await run([{ lastName: "Known", email }]);
    expect(decisions[0]).toMatchObject({
      decision: "linked",
      contactId: contact?.id,
      companyId: company?.id,
    });
    const [lead] = await t.database.db
      .select()
      .from(leads)
      .where(eq(leads.id, decisions[0]?.leadId ?? ""));
    expect(lead).toMatchObject({ contactId: contact?.id, companyId: company?.id });
  });

  it("links a contact by any of its addresses, each row of a batch to its own contact, and no longer by a removed one", async () => {
    const { client } = await signedIn(t, "admin");
    const main = `${unique("main")}@kunde.example`;
    const second = `${unique("second")}@kunde.example`;
    const other = `${unique("other")}@kunde.example`;
    const anna = (
      await client.post("/api/v1/contacts", {
        lastName: "Zweitadresse",
        emails: [{ value: main, primary: true }, { value: second.toUpperCase() }],
      })
    ).json();
    const otto = (await client.post("/api/v1/contacts", { lastName: "Other", email: other })).json();
    const { decisions } = await run([
      { lastName: "Zweitadresse", email: second.toUpperCase() },
      { lastName: "Other", email: other },
      { lastName: "Zweitadresse", email: main },
    ]);
    expect(decisions.map((d) => [d.decision, d.contactId])).toEqual([
      ["linked", anna.id],
      ["linked", otto.id],
      ["linked", anna.id],
    ]);

    const edited = await client.patch(`/api/v1/contacts/${anna.id}`, {
      emails: [{ value: main, primary: true }],
      version: anna.version,
    });
    expect(edited.statusCode).toBe(200);
    // Another channel, so the open lead of the first run does not take it in.
    const after = await run([{ lastName: "Zweitadresse", email: second }], {}, "import");
    expect(after.decisions[0]).toMatchObject({ decision: "created", contactId: null });

    // A batch of more than 16 addresses (an import's) asks the index once per address: the same links.
    const strangers = Array.from({ length: 18 }, (_, i) => ({
      lastName: `Fremd ${i}`,
      email: `${unique(`fremd${i}`)}@anderswo.example`,
    }));
    const big = await run(
      [
        ...strangers,
        { lastName: "Zweitadresse", email: main },
        { lastName: "Other", email: other.toUpperCase() },
      ],
      {},
      "import",
    );
    expect(big.decisions.slice(-3).map((d) => [d.decision, d.contactId])).toEqual([
      ["created", null],
      ["linked", anna.id],
      ["linked", otto.id],
    ]);
  });

  it("keys a contact by its trimmed, lower-cased addresses, skipping entries that are no addresses", async () => {
    const [row] = await t.database.db
      .insert(contacts)
      .values({
        lastName: "Keys",
        emails: [{ value: " Zwei@Keys.example " }, "junk", {}, { value: "" }, { value: "zwei@keys.example" }],
        email: "Eins@Keys.example",
      })
      .returning({ emailKeys: contacts.emailKeys });
    expect(row?.emailKeys).toEqual(["eins@keys.example", "zwei@keys.example"]);
    const [bare] = await t.database.db
      .insert(contacts)
      .values({ lastName: "Keyless", emails: {}, email: null })
      .returning({ emailKeys: contacts.emailKeys });
    expect(bare?.emailKeys).toEqual([]);
  });

  it("links a known contact by phone in any spelling", async () => {
    const [contact] = await t.database.db
      .insert(contacts)
      .values({ lastName: "Phone", phone: "+49 89 5550101", phoneNormalized: "+49895550101" })
      .returning();
    const { decisions } = await run([{ lastName: "Phone", phone: "089/555 01 01" }]);
    expect(decisions[0]).toMatchObject({ decision: "linked", contactId: contact?.id });
  });

  it("links a company by website domain or by VAT id in any spelling", async () => {
    const domain = `${unique("firma")}.example`;
    const [byDomain] = await t.database.db
      .insert(companies)
      .values({ name: "Domain AG", domain })
      .returning();
    const [byVat] = await t.database.db
      .insert(companies)
      .values({ name: "Vat AG", vatId: "DE 811.907.980" })
      .returning();
    const { decisions } = await run([
      { lastName: "A", website: `https://www.${domain}/kontakt` },
      { lastName: "B", vatId: "de811907980" },
    ]);
    expect(decisions.map((d) => [d.decision, d.companyId])).toEqual([
      ["created", byDomain?.id],
      ["created", byVat?.id],
    ]);
  });

  it("adds a repeat of the same person and channel within the window to the open lead", async () => {
    const email = `${unique("repeat")}@example.com`;
    const first = await run([{ lastName: "Repeat", email, interest: "Erstanfrage" }]);
    const second = await run([{ lastName: "Repeat", email: email.toUpperCase(), interest: "Nachfrage" }]);
    expect(second.decisions[0]).toMatchObject({ decision: "added", leadId: first.decisions[0]?.leadId });
    const entries = await t.database.db
      .select({ changes: auditLog.changes })
      .from(auditLog)
      .where(
        and(
          eq(auditLog.entityId, first.decisions[0]?.leadId ?? ""),
          eq(auditLog.action, "lead.intake_received"),
        ),
      );
    expect(entries.map((e) => (e.changes as { decision: string }).decision).sort()).toEqual([
      "added",
      "created",
    ]);
    expect(JSON.stringify(entries)).toContain("Nachfrage");
  });

  it("makes a new lead when the repeat comes through another channel, or the open lead is closed", async () => {
    const email = `${unique("other")}@example.com`;
    const first = await run([{ lastName: "Other", email }]);
    const viaImport = await run([{ lastName: "Other", email }], {}, "import");
    expect(viaImport.decisions[0]?.decision).toBe("created");
    await t.database.db
      .update(leads)
      .set({ status: "dead", deadReason: "no interest" })
      .where(eq(leads.id, first.decisions[0]?.leadId ?? ""));
    const again = await run([{ lastName: "Other", email }]);
    expect(again.decisions[0]?.decision).toBe("created");
  });

  it("makes a new lead when the open lead is older than the window", async () => {
    await writeIntakeSettings(t.database.db, {
      defaultRegion: "DE",
      duplicateWindowDays: 0,
      routingRules: [],
    });
    try {
      const email = `${unique("window")}@example.com`;
      await run([{ lastName: "Window", email }]);
      const again = await run([{ lastName: "Window", email }]);
      expect(again.decisions[0]?.decision).toBe("created");
    } finally {
      await writeIntakeSettings(t.database.db, {
        defaultRegion: "DE",
        duplicateWindowDays: 7,
        routingRules: [],
      });
    }
  });

  it("rejects an invalid submission naming each field, and writes no lead", async () => {
    const before = await t.database.db.$count(leads);
    const { decisions } = await run([
      { email: "not-an-email", phone: "12", vatId: "DE12", lastName: "x".repeat(101) },
    ]);
    expect(decisions[0]).toMatchObject({ decision: "rejected", reason: "invalid", leadId: null });
    expect(decisions[0]?.errors.map((e) => e.path).sort()).toEqual(["email", "lastName", "phone", "vatId"]);
    expect(await t.database.db.$count(leads)).toBe(before);
    const [log] = await t.database.db
      .select()
      .from(intakeLog)
      .where(eq(intakeLog.id, decisions[0]?.intakeId ?? ""));
    expect(log).toMatchObject({ decision: "rejected", reason: "invalid" });
    expect(JSON.stringify(log?.reasonDetail)).not.toContain("not-an-email");
  });
});

describe("intakeBatch: routing", () => {
  it("routes by the form's team first, else by postal-code range, else by country, and deals owners round-robin", async () => {
    const formTeam = await buildTeam(t.database.db);
    const north = await buildTeam(t.database.db);
    const austria = await buildTeam(t.database.db);
    const a = await buildUser(t.database.db, { role: "sales", team: north });
    const b = await buildUser(t.database.db, { role: "sales", team: north });
    await writeIntakeSettings(t.database.db, {
      defaultRegion: "DE",
      duplicateWindowDays: 7,
      routingRules: [
        { teamId: north.id, country: "DE", postalFrom: "20000", postalTo: "29999" },
        { teamId: austria.id, country: "AT" },
      ],
      doubleOptInHours: 72,
    });
    await upsertSetting(t.database.db, "roundRobin", { enabled: true, teamIds: [north.id] });
    try {
      const { decisions } = await run([
        { lastName: `${unique("n1")}`, postalCode: "20095", country: "Deutschland" },
        { lastName: `${unique("n2")}`, postalCode: "24103", country: "DE" },
        { lastName: `${unique("s")}`, postalCode: "80331", country: "Germany" },
        { lastName: `${unique("at")}`, postalCode: "1010", country: "Österreich" },
      ]);
      const rows = await t.database.db
        .select({ id: leads.id, teamId: leads.teamId, ownerId: leads.ownerId, status: leads.status })
        .from(leads)
        .where(
          inArray(
            leads.id,
            decisions.map((d) => d.leadId ?? ""),
          ),
        );
      const byId = new Map(rows.map((r) => [r.id, r]));
      const [n1, n2, s, at] = decisions.map((d) => byId.get(d.leadId ?? ""));
      expect([n1?.teamId, n2?.teamId, s?.teamId, at?.teamId]).toEqual([north.id, north.id, null, austria.id]);
      expect(new Set([n1?.ownerId, n2?.ownerId])).toEqual(new Set([a.id, b.id]));
      expect(n1?.status).toBe("assigned");
      expect(at).toMatchObject({ ownerId: null, status: "new" });

      const viaForm = await run([{ lastName: unique("f"), postalCode: "20095", country: "DE" }], {
        teamId: formTeam.id,
      });
      const [formLead] = await t.database.db
        .select()
        .from(leads)
        .where(eq(leads.id, viaForm.decisions[0]?.leadId ?? ""));
      expect(formLead?.teamId).toBe(formTeam.id);
    } finally {
      await writeIntakeSettings(t.database.db, {
        defaultRegion: "DE",
        duplicateWindowDays: 7,
        routingRules: [],
      });
      await upsertSetting(t.database.db, "roundRobin", { enabled: false, teamIds: [] });
    }
  });
});

describe("intakeBatch: a batch", () => {
  it("decides each row of a 1,000-row batch, joining repeats within the batch to the first row's lead", async () => {
    const tag = unique("batch");
    const inputs: IntakeInput[] = Array.from({ length: 1000 }, (_, i) => ({
      lastName: `Row ${i}`,
      email: `${tag}-${i % 900}@example.com`,
      phone: `+49 30 ${String(1_000_000 + i)}`,
    }));
    inputs.push({ lastName: "broken", email: "@@" });
    const { decisions } = await run(inputs, { sourceDetail: tag }, "import");
    const counts = decisions.reduce<Record<string, number>>((acc, d) => {
      acc[d.decision] = (acc[d.decision] ?? 0) + 1;
      return acc;
    }, {});
    expect(counts).toEqual({ created: 900, added: 100, rejected: 1 });
    expect(decisions[950]?.leadId).toBe(decisions[50]?.leadId);
    expect(await t.database.db.$count(leads, eq(leads.sourceDetail, tag))).toBe(900);
  });
});

describe("GET /api/v1/intake", () => {
  it("lists recent decisions newest first, filtered by outcome, with the lead's name; paged by cursor", async () => {
    const { client } = await signedIn(t, "admin", null);
    const name = unique("Viewed");
    const { decisions } = await run([{ lastName: name }, { email: "broken@" }], { sourceDetail: "Messe" });
    const created = await client.get("/api/v1/intake?decision=created&limit=200");
    expect(created.statusCode).toBe(200);
    expect(
      created.json().data.find((d: { leadId: string }) => d.leadId === decisions[0]?.leadId),
    ).toMatchObject({
      channel: "web_form",
      decision: "created",
      leadName: name,
      sourceDetail: "Messe",
    });
    const rejected = await client.get("/api/v1/intake?decision=rejected&limit=1");
    expect(rejected.json().data).toEqual([
      expect.objectContaining({
        id: decisions[1]?.intakeId,
        reason: "invalid",
        reasonFields: ["email"],
        leadId: null,
      }),
    ]);
    const next = await client.get(
      `/api/v1/intake?decision=rejected&limit=1&cursor=${rejected.json().nextCursor}`,
    );
    expect(next.statusCode).toBe(200);
    expect(next.json().data[0]?.id).not.toBe(decisions[1]?.intakeId);
    expect((await client.get("/api/v1/intake?cursor=nonsense")).statusCode).toBe(400);
  });

  it("shows a marketing user only decisions on leads they may see, and refuses salespeople", async () => {
    const team = await buildTeam(t.database.db);
    const { client: marketing } = await signedIn(t, "marketing", team);
    const { client: sales } = await signedIn(t, "sales", team);
    const other = await buildTeam(t.database.db);
    const mine = await run([{ lastName: unique("mine") }], { teamId: team.id });
    const theirs = await run([{ lastName: unique("theirs") }], { teamId: other.id });
    const ids = (await marketing.get("/api/v1/intake?limit=200"))
      .json()
      .data.map((d: { id: string }) => d.id);
    expect(ids).toContain(mine.decisions[0]?.intakeId);
    expect(ids).not.toContain(theirs.decisions[0]?.intakeId);
    expect((await sales.get("/api/v1/intake")).statusCode).toBe(403);
  });
});

describe("PUT /api/v1/settings/intake", () => {
  it("takes routing rules of existing teams and names the rule at fault otherwise", async () => {
    const { client } = await signedIn(t, "admin", null);
    const put = (payload: object) =>
      client.request({ method: "PUT", url: "/api/v1/settings/intake", payload });
    const team = await buildTeam(t.database.db);
    const body = {
      defaultRegion: "DE",
      duplicateWindowDays: 7,
      routingRules: [{ teamId: team.id, country: "AT" }],
    };
    expect((await put(body)).json()).toMatchObject(body);
    const bad = await put({
      ...body,
      routingRules: [
        ...body.routingRules,
        { teamId: "00000000-0000-4000-8000-000000000000", postalFrom: "1" },
      ],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].path).toBe("routingRules.1.teamId");
    await put({ ...body, routingRules: [], doubleOptInHours: 72 });
  });

  it("keeps a rule switched off in its place and routes past it, and names a bad window or postal code", async () => {
    const { client } = await signedIn(t, "admin", null);
    const put = (payload: object) =>
      client.request({ method: "PUT", url: "/api/v1/settings/intake", payload });
    const off = await buildTeam(t.database.db);
    const on = await buildTeam(t.database.db);
    const body = {
      defaultRegion: "DE",
      duplicateWindowDays: 14,
      routingRules: [
        { teamId: off.id, country: "CH", enabled: false },
        { teamId: on.id, country: "CH" },
      ],
      doubleOptInHours: 72,
    };
    try {
      expect((await put(body)).statusCode).toBe(200);
      const saved = (await client.get("/api/v1/settings/intake")).json();
      expect(saved.duplicateWindowDays).toBe(14);
      expect(
        saved.routingRules.map((r: { teamId: string; enabled: boolean }) => [r.teamId, r.enabled]),
      ).toEqual([
        [off.id, false],
        [on.id, true],
      ]);
      const { decisions } = await run([{ lastName: unique("ch"), postalCode: "8001", country: "CH" }]);
      const [lead] = await t.database.db
        .select({ teamId: leads.teamId })
        .from(leads)
        .where(eq(leads.id, decisions[0]?.leadId ?? ""));
      expect(lead?.teamId).toBe(on.id);

      const badWindow = await put({ ...body, duplicateWindowDays: 400 });
      expect(badWindow.statusCode).toBe(400);
      expect(badWindow.json().errors[0].path).toBe("duplicateWindowDays");
      const badPostal = await put({ ...body, routingRules: [{ teamId: on.id, postalFrom: "2000\u0000" }] });
      expect(badPostal.statusCode).toBe(400);
      expect(badPostal.json().errors[0].path).toBe("routingRules.0.postalFrom");
    } finally {
      await put({ ...body, duplicateWindowDays: 7, routingRules: [] });
    }
  });
});
