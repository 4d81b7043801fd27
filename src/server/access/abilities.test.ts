import { buildTestApp, type TestApp } from "@test/app";
import { buildTeam } from "@test/factories";
import {
  buildActivity,
  buildCompany,
  buildContact,
  buildDeal,
  buildLead,
  buildPipeline,
} from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** An admin and a salesperson of one team, both signed in. */
async function twoRoles() {
  const team = await buildTeam(t.database.db);
  const admin = await signedIn(t, "admin", team);
  const sales = await signedIn(t, "sales", team);
  return { team, admin, sales };
}

describe("abilities on records", () => {
  it("tell an admin and a salesperson apart on a converted lead, and both from the lead list", async () => {
    const { team, admin, sales } = await twoRoles();
    const lead = await buildLead(t.database.db, { team, owner: sales.user, status: "converted" });
    const open = await buildLead(t.database.db, { team, owner: sales.user, status: "in_process" });

    const asAdmin = (await admin.client.get(`/api/v1/leads/${lead.id}`)).json();
    const asSales = (await sales.client.get(`/api/v1/leads/${lead.id}`)).json();
    expect(asAdmin.abilities).toEqual({ update: false, delete: true, convert: false });
    expect(asSales.abilities).toEqual({ update: false, delete: false, convert: false });

    const list = (await sales.client.get(`/api/v1/leads?ownerId=${sales.user.id}&status=in_process`)).json();
    const listed = list.data.find((l: { id: string }) => l.id === open.id);
    expect(listed.abilities).toEqual({ update: true, delete: true, convert: true });
  });

  it("come with a sparse lead list only when asked for", async () => {
    const { team, sales } = await twoRoles();
    const lead = await buildLead(t.database.db, { team, owner: sales.user, status: "new" });
    const without = (
      await sales.client.get(`/api/v1/leads?ownerId=${sales.user.id}&fields=firstName`)
    ).json();
    const withAbilities = (
      await sales.client.get(`/api/v1/leads?ownerId=${sales.user.id}&fields=firstName,abilities`)
    ).json();
    const find = (page: { data: { id: string }[] }) => page.data.find((l) => l.id === lead.id);
    expect(find(without)).not.toHaveProperty("abilities");
    expect(find(withAbilities)).toMatchObject({ abilities: { update: true, delete: true, convert: true } });
  });

  it("let a manager but not a salesperson reopen a won deal, and nobody move it", async () => {
    const team = await buildTeam(t.database.db);
    const manager = await signedIn(t, "manager", team);
    const sales = await signedIn(t, "sales", team);
    const { stages } = await buildPipeline(t.database.db);
    const deal = await buildDeal(t.database.db, { team, owner: sales.user, stage: stages[0], status: "won" });

    const asManager = (await manager.client.get(`/api/v1/deals/${deal.id}`)).json();
    const asSales = (await sales.client.get(`/api/v1/deals/${deal.id}`)).json();
    expect(asManager.abilities).toEqual({
      update: true,
      delete: true,
      move: false,
      close: false,
      reopen: true,
    });
    expect(asSales.abilities).toEqual({
      update: true,
      delete: true,
      move: false,
      close: false,
      reopen: false,
    });
  });

  it("come on contacts, companies and activities, single and listed", async () => {
    const { team, sales } = await twoRoles();
    const company = await buildCompany(t.database.db, { team, owner: sales.user });
    const contact = await buildContact(t.database.db, { team, owner: sales.user, company });
    const activity = await buildActivity(t.database.db, { team, owner: sales.user, contact });
    const mayEdit = { update: true, delete: true };

    expect((await sales.client.get(`/api/v1/companies/${company.id}`)).json().abilities).toEqual(mayEdit);
    expect((await sales.client.get(`/api/v1/contacts/${contact.id}`)).json().abilities).toEqual(mayEdit);
    expect((await sales.client.get(`/api/v1/activities/${activity.id}`)).json().abilities).toEqual(mayEdit);
    const contacts = (await sales.client.get(`/api/v1/contacts?companyId=${company.id}`)).json();
    expect(contacts.data[0].abilities).toEqual(mayEdit);
  });
});

describe("GET /api/v1/me", () => {
  it("tells an admin and a salesperson what they may do beyond single records", async () => {
    const { admin, sales } = await twoRoles();
    const asAdmin = (await admin.client.get("/api/v1/me")).json();
    const asSales = (await sales.client.get("/api/v1/me")).json();
    expect(asAdmin.abilities).toMatchObject({
      "user.list": true,
      "user.create": true,
      "team.manage": true,
      "settings.read": true,
      "lead.restore": true,
      "record.assign_anyone": true,
    });
    expect(Object.values(asAdmin.abilities).every(Boolean)).toBe(true);
    expect(asSales.abilities).toEqual({
      "user.list": false,
      "user.create": false,
      "user.update": false,
      "team.manage": false,
      "pipeline.manage": false,
      "settings.read": false,
      "settings.manage": false,
      "webhook.manage": false,
      "lost_reason.manage": false,
      "custom_field.manage": false,
      "form.manage": false,
      "intake.view": false,
      "lead.restore": false,
      "lead.bulk_delete": true,
      "lead.convert": true,
      "record.assign_anyone": false,
      "activity.read_all": false,
      "product.manage": false,
      "quote.create": true,
      "audit.read": false,
      "gdpr.manage": false,
    });
  });
});
