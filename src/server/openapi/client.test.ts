import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { createLeadwerkClient } from "@leadwerk/client";
import { buildTestApp, Client, type TestApp } from "@test/app";
import { buildUser } from "@test/factories";
import { buildPipeline } from "@test/factories-crm";
import { ALL_MET } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { schemaSource } from "../../../packages/client/generate.mjs";

// The typed client (packages/client, issue #22 point 2) against a real app on a port, like an integrator's script.
let t: TestApp;
let baseUrl: string;
let token: string;
beforeAll(async () => {
  t = await buildTestApp();
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  await buildPipeline(t.database.db, { isDefault: true });
  const user = await buildUser(t.database.db, { role: "sales" });
  const session = new Client(t.app);
  await session.login(user.email, user.password);
  token = (await session.post("/api/v1/tokens", { name: "client test" })).json().token;
});
afterAll(() => t.close());

describe("@leadwerk/client", () => {
  it("is generated from the served document (else: run npm run client:generate)", async () => {
    const document = (await t.app.inject({ url: "/api/openapi.json" })).json();
    const committed = await readFile(
      new URL("../../../packages/client/src/schema.d.ts", import.meta.url),
      "utf8",
    );
    const generated = await schemaSource(document);
    // A plain boolean first: a diff of two 1-MB texts says less than the one thing to do.
    expect(generated === committed, "packages/client is out of date: run npm run client:generate").toBe(true);
  });

  it("creates a lead, converts it and moves the deal, typed end to end over HTTP", async () => {
    const api = createLeadwerkClient(`${baseUrl}/`, token);
    const created = await api.POST("/api/v1/leads", {
      body: {
        source: "trade_show",
        firstName: "Jördis",
        lastName: "Müller",
        companyName: "Straßenbau Client GmbH",
        email: "joerdis@strassenbau-client.de",
        interest: "Fleet management",
        bant: ALL_MET,
      },
    });
    expect(created.response.status).toBe(201);
    const leadId = created.data?.id ?? "";

    const converted = await api.POST("/api/v1/leads/{id}/convert", {
      params: { path: { id: leadId } },
      body: { contact: { create: {} }, company: { create: {} }, deal: {} },
    });
    expect(converted.error).toBeUndefined();
    expect(converted.response.status).toBe(201);
    expect(converted.data?.lead.status).toBe("converted");
    const deal = converted.data?.deal;
    expect(deal?.sourceLeadId).toBe(leadId);

    const pipelines = await api.GET("/api/v1/pipelines");
    const stages = pipelines.data?.data.find((p) => p.id === deal?.pipelineId)?.stages ?? [];
    const next = stages.find((s) => s.id !== deal?.stageId);
    const moved = await api.POST("/api/v1/deals/{id}/move", {
      params: { path: { id: deal?.id ?? "" } },
      body: { stageId: next?.id ?? "" },
    });
    expect(moved.response.status).toBe(200);
    expect(moved.data?.stageId).toBe(next?.id);

    // Refusals come back typed as problem+json.
    const missing = await api.GET("/api/v1/deals/{id}", {
      params: { path: { id: "00000000-0000-4000-8000-000000000000" } },
    });
    expect(missing.response.status).toBe(404);
    expect(missing.error?.title).toBe("Not found");
  });
});
