import { buildTestApp, type TestApp } from "@test/app";
import { convert, createLead } from "@test/conversion-helpers";
import { buildPipeline, type PipelineRow, type StageRow } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let pipeline: PipelineRow;
let stages: StageRow[];
beforeAll(async () => {
  t = await buildTestApp();
  ({ pipeline, stages } = await buildPipeline(t.database.db, { isDefault: true }));
});
afterAll(() => t.close());

describe("GET /api/v1/leads/{id}/convert/suggestions", () => {
  it("suggests visible contacts and companies with their reasons, and the prefill", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await createLead(client, { mobile: "+49 171 5550001" });
    const company = (
      await client.post("/api/v1/companies", { name: lead.companyName.toLowerCase(), website: "bau-x.de" })
    ).json();
    const byDomain = (
      await client.post("/api/v1/companies", { name: "Other name", website: lead.website })
    ).json();
    const byEmail = (await client.post("/api/v1/contacts", { lastName: "Anders", email: lead.email })).json();
    const byPhone = (
      await client.post("/api/v1/contacts", { lastName: "Fon", phone: "+491715550001" })
    ).json();
    const byName = (
      await client.post("/api/v1/contacts", {
        firstName: "Jördis",
        lastName: lead.lastName,
        companyId: company.id,
      })
    ).json();
    const unrelated = (await client.post("/api/v1/contacts", { lastName: "Nobody" })).json();
    // Another team's contact with the same email is not the caller's to see.
    const stranger = await signedIn(t, "sales");
    await stranger.client.post("/api/v1/contacts", { lastName: "Hidden", email: lead.email });

    const res = await client.get(`/api/v1/leads/${lead.id}/convert/suggestions`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    const contactReasons = Object.fromEntries(
      body.contacts.map((c: { id: string; reasons: string[] }) => [c.id, c.reasons]),
    );
    expect(contactReasons).toEqual({
      [byEmail.id]: ["email"],
      [byPhone.id]: ["phone"],
      [byName.id]: ["name_company"],
    });
    expect(contactReasons).not.toHaveProperty(unrelated.id);
    const companyReasons = Object.fromEntries(
      body.companies.map((c: { id: string; reasons: string[] }) => [c.id, c.reasons]),
    );
    expect(companyReasons).toEqual({ [company.id]: ["company_name"], [byDomain.id]: ["website_domain"] });
    expect(body.prefill.deal).toMatchObject({
      pipelineId: pipeline.id,
      stageId: stages[0]?.id,
      amount: { amount: "25000", currency: "EUR" },
      expectedCloseDate: "2027-03-31",
      sourceLeadId: lead.id,
    });
    expect(body.prefill.contact.lastName).toBe(lead.lastName);
  });

  it("suggests a contact that has the lead's email as its second address, not once it is removed", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await createLead(client);
    const contact = (
      await client.post("/api/v1/contacts", {
        lastName: "Zweitadresse",
        emails: [
          { value: "zentrale@zweit-conv.de", primary: true },
          { value: lead.email.toUpperCase(), type: "private" },
        ],
      })
    ).json();
    const suggested = async () =>
      (await client.get(`/api/v1/leads/${lead.id}/convert/suggestions`))
        .json()
        .contacts.filter((c: { id: string }) => c.id === contact.id);
    expect(await suggested()).toEqual([
      expect.objectContaining({ id: contact.id, email: "zentrale@zweit-conv.de", reasons: ["email"] }),
    ]);
    const edited = await client.patch(`/api/v1/contacts/${contact.id}`, {
      emails: [{ value: "zentrale@zweit-conv.de", primary: true }],
      version: contact.version,
    });
    expect(edited.statusCode).toBe(200);
    expect(await suggested()).toEqual([]);
  });

  it("puts the contact and company the lead is linked to first, as linked", async () => {
    const { client } = await signedIn(t, "sales");
    const company = (await client.post("/api/v1/companies", { name: "Linked Firm GmbH" })).json();
    const person = (
      await client.post("/api/v1/contacts", { lastName: "Linked", companyId: company.id })
    ).json();
    const lead = await createLead(client, { contactId: person.id, companyId: company.id });
    const body = (await client.get(`/api/v1/leads/${lead.id}/convert/suggestions`)).json();
    expect(body.contacts[0]).toMatchObject({
      id: person.id,
      reasons: ["linked"],
      companyName: "Linked Firm GmbH",
    });
    expect(body.companies[0]).toMatchObject({ id: company.id, reasons: ["linked"] });
  });

  it("answers 404 for a lead the caller cannot see", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await createLead(client);
    const other = await signedIn(t, "sales");
    expect((await other.client.get(`/api/v1/leads/${lead.id}/convert/suggestions`)).statusCode).toBe(404);
    expect((await convert(other.client, lead.id, { contact: { create: {} } })).statusCode).toBe(404);
  });
});
