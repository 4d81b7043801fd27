import { deals } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { convert, createLead } from "@test/conversion-helpers";
import { buildPipeline, type PipelineRow, type StageRow } from "@test/factories-crm";
import { signedIn } from "@test/lead-helpers";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let pipeline: PipelineRow;
let stages: StageRow[];
beforeAll(async () => {
  t = await buildTestApp();
  ({ pipeline, stages } = await buildPipeline(t.database.db, { isDefault: true }));
});
afterAll(() => t.close());

describe("POST /api/v1/leads/convert/bulk", () => {
  it("converts each lead on its own and reports the others with a reason code", async () => {
    const { user, client } = await signedIn(t, "sales");
    const good = await createLead(client, { ownerId: user.id });
    const known = await createLead(client, { ownerId: user.id });
    const existing = (
      await client.post("/api/v1/contacts", { lastName: "Known", email: known.email })
    ).json();
    const closed = await createLead(client, { ownerId: user.id });
    await client.patch(`/api/v1/leads/${closed.id}`, { status: "dead", deadReason: "No budget" });
    const done = await createLead(client);
    await convert(client, done.id, { contact: { create: {} } });
    const nameless = await createLead(client, { lastName: null, firstName: null });
    const missing = "00000000-0000-4000-8000-000000000001";

    const res = await client.post("/api/v1/leads/convert/bulk", {
      ids: [good.id, known.id, closed.id, done.id, nameless.id, missing],
      company: "none",
      deal: { pipelineId: pipeline.id, stageId: stages[1]?.id },
    });
    expect(res.statusCode).toBe(200);
    const report = res.json();
    expect(report.converted.map((c: { leadId: string }) => c.leadId)).toEqual([good.id, known.id]);
    expect(report.converted[1].contactId).toBe(existing.id);
    for (const c of report.converted) {
      expect(c.companyId).toBeNull();
      expect(c.dealId).toEqual(expect.any(String));
    }
    const reasons = Object.fromEntries(
      report.failed.map((f: { leadId: string; reason: string }) => [f.leadId, f.reason]),
    );
    expect(reasons).toEqual({
      [closed.id]: "closed",
      [done.id]: "already_converted",
      [nameless.id]: "missing_name",
      [missing]: "not_found",
    });
    const [deal] = await t.database.db.select().from(deals).where(eq(deals.sourceLeadId, good.id));
    expect(deal?.stageId).toBe(stages[1]?.id);
    expect((await client.get(`/api/v1/leads/${closed.id}`)).json().status).toBe("dead");
  });

  it("links an existing company by name, or creates one", async () => {
    const { client } = await signedIn(t, "sales");
    const a = await createLead(client);
    const b = await createLead(client);
    const company = (await client.post("/api/v1/companies", { name: a.companyName })).json();
    const report = (await client.post("/api/v1/leads/convert/bulk", { ids: [a.id, b.id] })).json();
    expect(report.failed).toEqual([]);
    expect(report.converted[0]).toMatchObject({ companyId: company.id, dealId: null });
    expect(report.converted[1].companyId).not.toBe(company.id);
    expect(report.converted[1].companyId).toEqual(expect.any(String));
  });
});
