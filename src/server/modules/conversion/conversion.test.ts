import { activities, auditLog } from "@server/db/schema";
import type { LiveMessage } from "@server/live/live-message";
import { buildTestApp, type TestApp } from "@test/app";
import { convert, counts, createLead } from "@test/conversion-helpers";
import { buildPipeline, type PipelineRow, type StageRow } from "@test/factories-crm";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

let t: TestApp;
let pipeline: PipelineRow;
let stages: StageRow[];
beforeAll(async () => {
  t = await buildTestApp();
  ({ pipeline, stages } = await buildPipeline(t.database.db, { isDefault: true }));
});
afterAll(() => t.close());

describe("POST /api/v1/leads/{id}/convert", () => {
  it("carries every matching lead field to the new contact, company and deal", async () => {
    const { user, client } = await signedIn(t, "sales");
    const lead = await createLead(client, { ownerId: user.id, mobile: "+49 171 2345678" });
    const res = await convert(client, lead.id, {
      contact: { create: {} },
      company: { create: {} },
      deal: {},
    });
    expect(res.statusCode).toBe(201);
    const { lead: after, contact, company, deal, appointment } = res.json();
    expect(contact).toMatchObject({
      salutation: "Frau",
      title: "Dr.",
      firstName: "Jördis",
      lastName: lead.lastName,
      jobTitle: "Einkaufsleitung",
      department: "Einkauf",
      email: lead.email,
      emails: [{ value: lead.email, type: "work", primary: true }],
      phones: [
        { value: lead.phone, type: "work", primary: true },
        { value: "+49 171 2345678", type: "mobile", primary: false },
      ],
      addresses: [
        { type: "other", street: "Hauptstraße 1", postalCode: "10115", city: "Berlin", country: "DE" },
      ],
      leadSource: "trade_show",
      description: "Hannover Messe 2026",
      ownerId: user.id,
      teamId: user.teamId,
      tags: ["messe"],
      companyId: company.id,
      companyName: lead.companyName,
    });
    expect(company).toMatchObject({
      name: lead.companyName,
      website: lead.website,
      phone: lead.phone,
      billingAddress: { street: "Hauptstraße 1", postalCode: "10115", city: "Berlin", country: "DE" },
      ownerId: user.id,
    });
    expect(deal).toMatchObject({
      title: `${lead.companyName} – Fleet management for 40 trucks`,
      amount: { amount: "25000.00", currency: "EUR" },
      pipelineId: pipeline.id,
      stageId: stages[0]?.id,
      expectedCloseDate: "2027-03-31",
      ownerId: user.id,
      companyId: company.id,
      sourceLeadId: lead.id,
      contacts: [{ contactId: contact.id, isPrimary: true }],
    });
    expect(appointment).toBeNull();
    expect(after).toMatchObject({
      status: "converted",
      convertedContactId: contact.id,
      convertedCompanyId: company.id,
      convertedDealId: deal.id,
    });
    expect(after.convertedAt).toEqual(expect.any(String));
  });

  it("announces the new deal and the appointment on the live bus after the commit", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await createLead(client);
    const heard: LiveMessage[] = [];
    const stop = t.app.live.subscribe((message) => heard.push(message));
    try {
      const { deal, appointment } = (
        await convert(client, lead.id, {
          contact: { create: {} },
          deal: {},
          appointment: { type: "call", startsAt: "2027-01-12T09:00:00.000Z" },
        })
      ).json();
      await vi.waitFor(() => {
        const events = heard.map((m) => m.event);
        expect(events).toContainEqual({ type: "deal.changed", id: deal.id, pipelineId: pipeline.id });
        expect(events).toContainEqual({ type: "activity.changed", id: appointment.id });
      });
    } finally {
      stop();
    }
  });

  it("takes the given fields over the prefill", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await createLead(client);
    const res = await convert(client, lead.id, {
      contact: { create: { lastName: "Override", jobTitle: null, email: "new@example.org" } },
      company: { create: { name: "Other Name AG" } },
      deal: { title: "Custom", amount: { amount: "999.00", currency: "USD" }, stageId: stages[2]?.id },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.contact).toMatchObject({ lastName: "Override", jobTitle: null, email: "new@example.org" });
    expect(body.contact.emails.map((e: { value: string }) => e.value)).toEqual([
      "new@example.org",
      lead.email,
    ]);
    expect(body.company.name).toBe("Other Name AG");
    expect(body.deal).toMatchObject({
      title: "Custom",
      amount: { amount: "999.00", currency: "USD" },
      stageId: stages[2]?.id,
    });
  });

  const contactModes = ["new", "existing"] as const;
  const companyModes = ["new", "existing", "none"] as const;
  const combos = contactModes.flatMap((contactMode) =>
    companyModes.flatMap((companyMode) =>
      [true, false].flatMap((withDeal) =>
        [true, false].map((withAppointment) => ({ contactMode, companyMode, withDeal, withAppointment })),
      ),
    ),
  );
  it.each(combos)(
    "converts with contact $contactMode, company $companyMode, deal $withDeal, appointment $withAppointment",
    async ({ contactMode, companyMode, withDeal, withAppointment }) => {
      const { user, client } = await signedIn(t, "sales");
      const lead = await createLead(client, { ownerId: user.id });
      const existingContact =
        contactMode === "existing"
          ? (await client.post("/api/v1/contacts", { lastName: "Existing", email: lead.email })).json()
          : null;
      const existingCompany =
        companyMode === "existing"
          ? (await client.post("/api/v1/companies", { name: lead.companyName })).json()
          : null;
      const before = await counts(t);
      const res = await convert(client, lead.id, {
        contact: existingContact ? { existingId: existingContact.id } : { create: {} },
        company: existingCompany
          ? { existingId: existingCompany.id }
          : companyMode === "new"
            ? { create: {} }
            : null,
        deal: withDeal ? { stageId: stages[1]?.id } : null,
        appointment: withAppointment
          ? { type: "meeting", startsAt: "2027-01-12T09:00:00.000Z", endsAt: "2027-01-12T09:30:00.000Z" }
          : null,
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      const after = await counts(t);
      expect(after.contacts - before.contacts).toBe(contactMode === "new" ? 1 : 0);
      expect(after.companies - before.companies).toBe(companyMode === "new" ? 1 : 0);
      expect(after.deals - before.deals).toBe(withDeal ? 1 : 0);
      expect(after.activities - before.activities).toBe(withAppointment ? 1 : 0);

      const companyId = companyMode === "none" ? null : (existingCompany?.id ?? body.company.id);
      expect(body.contact.id).toBe(existingContact?.id ?? body.contact.id);
      // The contact works at the company (an existing contact without a company gets it too).
      expect(body.contact.companyId).toBe(companyId);
      expect(body.company?.id ?? null).toBe(companyId);
      expect(body.lead).toMatchObject({
        status: "converted",
        convertedContactId: body.contact.id,
        convertedCompanyId: companyId,
        convertedDealId: body.deal?.id ?? null,
      });
      if (withDeal) {
        expect(body.deal).toMatchObject({
          stageId: stages[1]?.id,
          companyId,
          sourceLeadId: lead.id,
          contacts: [{ contactId: body.contact.id, isPrimary: true }],
        });
      } else expect(body.deal).toBeNull();
      if (withAppointment) {
        expect(body.appointment).toMatchObject({
          type: "meeting",
          startsAt: "2027-01-12T09:00:00.000Z",
          endsAt: "2027-01-12T09:30:00.000Z",
          ownerId: user.id,
          contactId: body.contact.id,
          companyId,
          dealId: body.deal?.id ?? null,
        });
        expect(body.appointment.subject).toEqual(expect.any(String));
      } else expect(body.appointment).toBeNull();
      // Every record the conversion touched has its history entry.
      const entries = await t.database.db
        .select()
        .from(auditLog)
        .where(eq(auditLog.action, "lead.converted"));
      const touched = entries.filter((e) => (e.changes as { leadId?: string }).leadId === lead.id);
      expect(touched.map((e) => e.entityType).sort()).toEqual(
        ["lead", "contact", ...(companyId ? ["company"] : []), ...(withDeal ? ["deal"] : [])].sort(),
      );
    },
  );

  it("keeps an existing contact's other company, and links the new deal to the chosen one", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await createLead(client);
    const elsewhere = (await client.post("/api/v1/companies", { name: "Elsewhere GmbH" })).json();
    const person = (
      await client.post("/api/v1/contacts", { lastName: "Moved", companyId: elsewhere.id })
    ).json();
    const res = await convert(client, lead.id, {
      contact: { existingId: person.id },
      company: { create: {} },
      deal: {},
    });
    expect(res.statusCode).toBe(201);
    expect(res.json().contact.companyId).toBe(elsewhere.id);
    expect(res.json().deal.companyId).toBe(res.json().company.id);
  });

  it("re-links the lead's activities to the new contact, company and deal", async () => {
    const { user, client } = await signedIn(t, "sales");
    const lead = await createLead(client, { ownerId: user.id });
    const call = (
      await client.post("/api/v1/activities", { type: "call", subject: "First call", leadId: lead.id })
    ).json();
    const body = (
      await convert(client, lead.id, { contact: { create: {} }, company: { create: {} }, deal: {} })
    ).json();
    const [row] = await t.database.db.select().from(activities).where(eq(activities.id, call.id));
    expect(row).toMatchObject({
      leadId: lead.id,
      contactId: body.contact.id,
      companyId: body.company.id,
      dealId: body.deal.id,
    });
    const contactActivities = (await client.get(`/api/v1/activities?contactId=${body.contact.id}`)).json();
    expect(contactActivities.data.map((a: { id: string }) => a.id)).toContain(call.id);
  });

  it("answers 409 on a second conversion and keeps the first one's links", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await createLead(client);
    const first = (await convert(client, lead.id, { contact: { create: {} } })).json();
    const before = await counts(t);
    const again = await convert(client, lead.id, { contact: { create: {} }, company: { create: {} } });
    expect(again.statusCode).toBe(409);
    expect(await counts(t)).toEqual(before);
    const stored = (await client.get(`/api/v1/leads/${lead.id}`)).json();
    expect(stored.convertedContactId).toBe(first.contact.id);
  });

  it("leaves a converted lead read-only: edit and reopen answer 422", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await createLead(client);
    await convert(client, lead.id, { contact: { create: {} } });
    expect((await client.patch(`/api/v1/leads/${lead.id}`, { interest: "changed" })).statusCode).toBe(422);
    expect((await client.patch(`/api/v1/leads/${lead.id}`, { status: "recycled" })).statusCode).toBe(422);
    expect(
      (await client.patch(`/api/v1/leads/${lead.id}`, { status: "dead", deadReason: "x" })).statusCode,
    ).toBe(422);
    expect((await client.get(`/api/v1/leads/${lead.id}`)).json().status).toBe("converted");
  });

  it("refuses a closed lead (reopen it first) with 422 on status", async () => {
    const { user, client } = await signedIn(t, "sales");
    const lead = await createLead(client, { ownerId: user.id });
    await client.patch(`/api/v1/leads/${lead.id}`, { status: "dead", deadReason: "No budget" });
    const res = await convert(client, lead.id, { contact: { create: {} } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0].path).toBe("status");
  });

  it("puts rule errors beside the field: a contact without last name, an invisible contact", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await createLead(client, { lastName: null, firstName: null });
    const before = await counts(t);
    const res = await convert(client, lead.id, { contact: { create: {} }, company: { create: {} } });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors.map((e: { path: string }) => e.path)).toEqual(["contact.create.lastName"]);
    expect(await counts(t)).toEqual(before);

    const stranger = await signedIn(t, "sales");
    const hidden = (await stranger.client.post("/api/v1/contacts", { lastName: "Hidden" })).json();
    const invisible = await convert(client, lead.id, { contact: { existingId: hidden.id } });
    expect(invisible.statusCode).toBe(422);
    expect(invisible.json().errors[0].path).toBe("contact.existingId");
    const badStage = await convert(client, lead.id, {
      contact: { create: { lastName: "Ok" } },
      deal: { pipelineId: pipeline.id, stageId: "00000000-0000-4000-8000-000000000000" },
    });
    expect(badStage.statusCode).toBe(422);
    expect(badStage.json().errors[0].path).toBe("deal.stageId");
    expect((await client.get(`/api/v1/leads/${lead.id}`)).json().status).not.toBe("converted");
  });

  it("names malformed parts of the request (400)", async () => {
    const { client } = await signedIn(t, "sales");
    const lead = await createLead(client);
    const res = await convert(client, lead.id, {
      contact: { create: { email: "nope" } },
      appointment: { type: "lunch", startsAt: "tomorrow" },
    });
    expect(res.statusCode).toBe(400);
  });

  it("is sales work: marketing gets 403", async () => {
    const { team, client } = await teamWithSales(t);
    const lead = await createLead(client);
    const marketing = await signedIn(t, "marketing", team);
    expect((await convert(marketing.client, lead.id, { contact: { create: {} } })).statusCode).toBe(403);
  });
});
