import { leads } from "@server/db/schema";
import { replaceParticipants } from "@server/modules/activities/activity.repository";
import { buildTestApp, type TestApp } from "@test/app";
import { buildActivity } from "@test/crm-factories/activity.factory";
import { buildCompany } from "@test/crm-factories/company.factory";
import { buildContact } from "@test/crm-factories/contact.factory";
import { buildDeal } from "@test/crm-factories/deal.factory";
import { buildLead } from "@test/crm-factories/lead.factory";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

interface Item {
  kind: string;
  action: string;
  id: string;
  viaLeadId: string | null;
  activity: {
    subject: string;
    participants: { kind: string; id: string; name: string; visible: boolean }[];
  } | null;
}

async function leadWithStory(client: Awaited<ReturnType<typeof teamWithSales>>["client"]) {
  const lead = (await client.post("/api/v1/leads", { lastName: "Nowak", companyName: "Nowak KG" })).json();
  await client.patch(`/api/v1/leads/${lead.id}`, { city: "Leipzig", version: lead.version });
  await client.post("/api/v1/activities", { type: "call", subject: "First call", leadId: lead.id });
  await client.post("/api/v1/activities", { type: "note", subject: "Likes trucks", leadId: lead.id });
  return lead as { id: string };
}

describe("GET /api/v1/{records}/{id}/timeline", () => {
  it("filters a lead's timeline by activity type and by history", async () => {
    const { client } = await teamWithSales(t);
    const lead = await leadWithStory(client);
    const calls = (await client.get(`/api/v1/leads/${lead.id}/timeline?type=call`)).json().data as Item[];
    expect(calls.map((i) => i.activity?.subject)).toEqual(["First call"]);
    const history = (await client.get(`/api/v1/leads/${lead.id}/timeline?kind=history`)).json()
      .data as Item[];
    expect(history.every((i) => i.kind === "history")).toBe(true);
    expect(history.map((i) => i.action)).toContain("lead.updated");
    const all = (await client.get(`/api/v1/leads/${lead.id}/timeline`)).json().data as Item[];
    expect(all[0]?.activity?.subject).toBe("Likes trucks");
  });

  it("pages through a long timeline without losing or repeating items", async () => {
    const { client } = await teamWithSales(t);
    const lead = await leadWithStory(client);
    for (let i = 0; i < 5; i++)
      await client.post("/api/v1/activities", { type: "note", subject: `n${i}`, leadId: lead.id });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const res = await client.get(`/api/v1/leads/${lead.id}/timeline?limit=3${query}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json();
      seen.push(...page.data.map((i: Item) => `${i.kind}${i.id}`));
      cursor = page.nextCursor;
    } while (cursor);
    const whole = (await client.get(`/api/v1/leads/${lead.id}/timeline?limit=100`)).json().data as Item[];
    expect(seen).toEqual(whole.map((i) => `${i.kind}${i.id}`));
  });

  it("shows on a contact's timeline the history and activities of the lead converted into it", async () => {
    const { team, user, client } = await teamWithSales(t);
    const lead = await leadWithStory(client);
    const contact = await buildContact(t.database.db, { team, owner: user });
    await t.database.db.update(leads).set({ convertedContactId: contact.id }).where(eq(leads.id, lead.id));
    const items = (await client.get(`/api/v1/contacts/${contact.id}/timeline`)).json().data as Item[];
    expect(items.map((i) => i.activity?.subject).filter(Boolean)).toEqual(["Likes trucks", "First call"]);
    expect(items.find((i) => i.action === "lead.created")?.viaLeadId).toBe(lead.id);
  });

  it("shows on a deal's timeline the story of its source lead and the deal's own activities", async () => {
    const { team, user, client } = await teamWithSales(t);
    const lead = await leadWithStory(client);
    const deal = await buildDeal(t.database.db, { team, owner: user, sourceLeadId: lead.id });
    await client.post("/api/v1/activities", {
      type: "meeting",
      subject: "Demo",
      startsAt: "2030-01-01T10:00:00.000Z",
      dealId: deal.id,
    });
    const res = await client.get(`/api/v1/deals/${deal.id}/timeline`);
    expect(res.statusCode).toBe(200);
    const items = res.json().data as Item[];
    expect(items.map((i) => i.activity?.subject).filter(Boolean)).toEqual([
      "Demo",
      "Likes trucks",
      "First call",
    ]);
    expect(items.filter((i) => i.activity?.subject === "Demo")[0]?.viaLeadId).toBeNull();
  });

  it("shows a meeting on the timeline of a contact who takes part", async () => {
    const { team, user, client } = await teamWithSales(t);
    const lead = (await client.post("/api/v1/leads", { lastName: "Weber" })).json();
    const contact = await buildContact(t.database.db, {
      team,
      owner: user,
      firstName: "Kate",
      lastName: "Bell",
    });
    await client.post("/api/v1/activities", {
      type: "meeting",
      subject: "Site visit",
      startsAt: "2030-02-01T10:00:00.000Z",
      leadId: lead.id,
      participantContactIds: [contact.id],
    });
    const items = (await client.get(`/api/v1/contacts/${contact.id}/timeline?type=meeting`)).json()
      .data as Item[];
    expect(items.map((i) => i.activity?.subject)).toEqual(["Site visit"]);
    expect(items[0]?.activity?.participants).toEqual([
      { kind: "contact", id: contact.id, name: "Kate Bell", visible: true },
    ]);
  });
});

describe("timelines and the company file pass every part through the gate (issue #14)", () => {
  it("leave out another team's activities on a visible record, which answer 404 themselves", async () => {
    const { team, user, client } = await teamWithSales(t);
    const other = await teamWithSales(t);
    const db = t.database.db;
    const company = await buildCompany(db, { team, owner: user, name: "Sichtbar GmbH" });
    const contact = await buildContact(db, { team, owner: user, company });
    const lead = await buildLead(db, { team, owner: user, company });
    const deal = await buildDeal(db, { team, owner: user, company });
    const theirs = { team: other.team, owner: other.user };
    const secrets = [
      await buildActivity(db, { ...theirs, lead, subject: "Secret lead call", body: "Price 1" }),
      await buildActivity(db, { ...theirs, contact, subject: "Secret contact note", body: "Price 2" }),
      await buildActivity(db, { ...theirs, company, subject: "Secret company task", body: "Price 3" }),
      await buildActivity(db, { ...theirs, deal, subject: "Secret deal mail", body: "Price 4" }),
    ];
    // Another team's activity the reader takes part in opens, so it shows.
    const invited = await buildActivity(db, { ...theirs, lead, subject: "Invited meeting", type: "meeting" });
    await replaceParticipants(db, invited.id, "user", [user.id]);
    for (const secret of secrets)
      expect((await client.get(`/api/v1/activities/${secret.id}`)).statusCode).toBe(404);
    expect((await client.get(`/api/v1/activities/${invited.id}`)).statusCode).toBe(200);

    const places = [
      `/api/v1/leads/${lead.id}/timeline`,
      `/api/v1/contacts/${contact.id}/timeline`,
      `/api/v1/companies/${company.id}/timeline`,
      `/api/v1/deals/${deal.id}/timeline`,
      `/api/v1/companies/${company.id}/file`,
    ];
    for (const url of places) {
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain("Secret");
      expect(res.body, url).not.toContain("Price");
    }
    const leadItems = (await client.get(`/api/v1/leads/${lead.id}/timeline`)).json().data as Item[];
    expect(leadItems.map((i) => i.activity?.subject).filter(Boolean)).toEqual(["Invited meeting"]);
    const file = (await client.get(`/api/v1/companies/${company.id}/file`)).json();
    expect(file.activities.map((a: { subject: string }) => a.subject)).toEqual(["Invited meeting"]);

    // The other team still sees its own activities there.
    const theirView = await other.client.get(`/api/v1/activities/${secrets[0]?.id}`);
    expect(theirView.statusCode).toBe(200);
  });

  it("leaves out the history of a source lead the reader may not see", async () => {
    const { team, user, client } = await teamWithSales(t);
    const other = await teamWithSales(t);
    const hidden = (await other.client.post("/api/v1/leads", { lastName: "Verborgen" })).json();
    expect((await client.get(`/api/v1/leads/${hidden.id}`)).statusCode).toBe(404);
    const contact = await buildContact(t.database.db, { team, owner: user });
    await t.database.db.update(leads).set({ convertedContactId: contact.id }).where(eq(leads.id, hidden.id));
    const res = await client.get(`/api/v1/contacts/${contact.id}/timeline`);
    expect(res.statusCode).toBe(200);
    const items = res.json().data as Item[];
    expect(items.filter((i) => i.viaLeadId === hidden.id)).toEqual([]);
    expect(res.body).not.toContain("Verborgen");
    // Its own team sees the lead's story on the contact it can see.
    const mine = await signedIn(t, "admin");
    const adminItems = (await mine.client.get(`/api/v1/contacts/${contact.id}/timeline`)).json()
      .data as Item[];
    expect(adminItems.some((i) => i.viaLeadId === hidden.id)).toBe(true);
  });
});
