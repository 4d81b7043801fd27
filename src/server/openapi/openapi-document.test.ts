import { createConfig, lintFromString } from "@redocly/openapi-core";
import { OPERATIONS } from "@server/openapi/operations";
import { unlistedOperations } from "@server/openapi/sdk-document";
import { buildTestApp, type TestApp } from "@test/app";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
let document: Record<string, unknown>;
let source: string;
beforeAll(async () => {
  t = await buildTestApp({ publicUrl: "https://crm.leadwerk.test" });
  const res = await t.app.inject({ url: "/api/openapi.json" });
  expect(res.statusCode).toBe(200);
  source = res.body;
  document = res.json();
});
afterAll(() => t.close());

type Operation = { operationId?: string; responses: Record<string, unknown>; security?: unknown[] };
const operation = (path: string, method: string) =>
  (document.paths as Record<string, Record<string, Operation>>)[path]?.[method];

describe("GET /api/openapi.json (issue #22 point 1)", () => {
  it("passes Redocly's recommended rules without an error or a warning", async () => {
    const config = await createConfig({ extends: ["recommended"] });
    const problems = await lintFromString({ source, absoluteRef: "openapi.json", config });
    if (problems.length > 0) {
      // The list a developer fixes from: rule, message and where.
      console.error(
        problems
          .map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)
          .join("\n"),
      );
    }
    expect(problems.map((p) => `${p.ruleId} ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it("names every operation in src/server/openapi/operations.ts, and lists no route that is gone", () => {
    const { missing, stale } = unlistedOperations(document);
    expect(missing, `add these to src/server/openapi/operations.ts: ${missing.join(", ")}`).toEqual([]);
    expect(stale, `no such operation any more: ${stale.join(", ")}`).toEqual([]);
  });

  it("gives the operations stable verb-noun names, each once", () => {
    expect(operation("/api/v1/leads", "get")?.operationId).toBe("listLeads");
    expect(operation("/api/v1/leads/{id}/convert", "post")?.operationId).toBe("convertLead");
    expect(operation("/api/v1/deals/{id}/move", "post")?.operationId).toBe("moveDeal");
    expect(operation("/api/v1/leads/export.csv", "get")?.operationId).toBe("exportLeadsCsv");
    const ids = Object.values(OPERATIONS).map((e) => (typeof e === "string" ? e : e.operationId));
    expect(ids.filter((id) => !/^[a-z]+[A-Z][A-Za-z]*$/.test(id))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("serves from LEADWERK_PUBLIC_URL and says its licence", () => {
    expect(document.servers).toEqual([{ url: "https://crm.leadwerk.test" }]);
    expect(document.info).toMatchObject({ license: { identifier: "AGPL-3.0-or-later" } });
  });

  it("documents each operation's refusals as problem+json, and no login where none is needed", () => {
    const update = operation("/api/v1/leads/{id}", "patch");
    expect(Object.keys(update?.responses ?? {})).toEqual(
      expect.arrayContaining(["200", "400", "401", "403", "404", "409", "422", "4XX"]),
    );
    expect(update?.responses["404"]).toEqual({ $ref: "#/components/responses/NotFound" });
    const health = operation("/api/v1/health", "get");
    expect(health?.security).toEqual([]);
    expect(Object.keys(health?.responses ?? {})).not.toContain("401");
    const responses = (document.components as { responses: Record<string, { content: object }> }).responses;
    expect(Object.keys(responses.NotFound?.content ?? {})).toEqual(["application/problem+json"]);
  });
});
