import { readFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { createLeadwerkClient, type LeadwerkClient } from "@leadwerk/client";
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

  it("mirrors the contacts exactly with the README's sync loop while they change", async () => {
    const admin = await buildUser(t.database.db, { role: "admin" });
    const session = new Client(t.app);
    await session.login(admin.email, admin.password);
    const api = createLeadwerkClient(
      baseUrl,
      (await session.post("/api/v1/tokens", { name: "mirror" })).json().token,
    );

    // The loop of README "Building on the API", as an integrator would write it.
    const mirror = new Map<string, unknown>();
    let cursor = "2000-01-01T00:00:00Z";
    async function pull(client: LeadwerkClient, limit: number): Promise<boolean> {
      const { data, error } = await client.GET("/api/v1/contacts", {
        params: { query: { updatedSince: cursor, limit } },
      });
      if (error || !("hasMore" in data)) throw new Error(error?.title ?? "not a sync page");
      for (const item of data.data) {
        if ("deleted" in item) mirror.delete(item.id);
        else mirror.set(item.id, item);
      }
      cursor = data.nextCursor;
      return data.hasMore;
    }

    const create = async (lastName: string) => {
      const { data } = await api.POST("/api/v1/contacts", { body: { lastName } });
      return { id: data?.id ?? "", version: data?.version ?? 0 };
    };
    const [a, b, c] = [await create("Albrecht"), await create("Bauer"), await create("Claßen")];
    const edits: (() => Promise<unknown>)[] = [
      () => create("Dreher"),
      () =>
        api.PATCH("/api/v1/contacts/{id}", {
          params: { path: { id: a.id } },
          body: { jobTitle: "Einkauf", version: a.version },
        }),
      () => api.DELETE("/api/v1/contacts/{id}", { params: { path: { id: b.id } } }),
      () => api.POST("/api/v1/contacts/merge", { body: { survivorId: a.id, loserId: c.id } }),
      () => create("Ernst"),
    ];
    // Small pages, an edit between each: the changes land while the mirror pages.
    for (let round = 0; round < 100; round++) {
      const hasMore = await pull(api, 2);
      const edit = edits.shift();
      if (edit) {
        const { response } = (await edit()) as { response?: Response };
        expect(response?.ok ?? true).toBe(true);
      } else if (!hasMore) break;
    }
    expect(await pull(api, 1000)).toBe(false);

    const all = await api.GET("/api/v1/contacts", { params: { query: { limit: 200 } } });
    expect(all.data?.nextCursor).toBeNull();
    const copy = new Map((all.data?.data ?? []).map((contact) => [contact.id, contact]));
    expect(mirror).toEqual(copy);
    expect(mirror.has(b.id) || mirror.has(c.id)).toBe(false);
    expect(mirror.get(a.id)).toMatchObject({ jobTitle: "Einkauf" });
  });
});
