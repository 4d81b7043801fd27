import { activities, auditLog, companies, contacts, deals } from "@server/db/schema";
import type { Client, TestApp } from "@test/app";
import { ALL_MET } from "@test/lead-helpers";
import { count } from "drizzle-orm";
import { expect } from "vitest";

/** Helpers of the conversion API tests (src/server/modules/conversion/*.test.ts). */
let seq = 0;
const unique = () => `${Date.now().toString(36)}${++seq}`;

/** A qualified lead with every person, company and BANT field, unique email and name. */
export function leadBody(overrides: Record<string, unknown> = {}) {
  const u = unique();
  return {
    source: "trade_show",
    sourceDetail: "Hannover Messe 2026",
    salutation: "Frau",
    title: "Dr.",
    firstName: "Jördis",
    lastName: `Müller-${u}`,
    companyName: `Straßenbau ${u} GmbH`,
    jobTitle: "Einkaufsleitung",
    department: "Einkauf",
    email: `joerdis.${u}@bau-${u}.de`,
    phone: `030 ${String(1_000_000 + seq * 7).slice(0, 7)}`,
    mobile: null,
    website: `https://www.bau-${u}.de`,
    street: "Hauptstraße 1",
    postalCode: "10115",
    city: "Berlin",
    country: "DE",
    interest: "Fleet management for 40 trucks",
    estimatedValue: { amount: "48000.00", currency: "EUR" },
    bant: ALL_MET,
    tags: ["messe"],
    ...overrides,
  };
}

export async function createLead(client: Client, overrides: Record<string, unknown> = {}) {
  const res = await client.post("/api/v1/leads", leadBody(overrides));
  expect(res.statusCode).toBe(201);
  return res.json();
}

export const convert = (client: Client, leadId: string, body: unknown) =>
  client.post(`/api/v1/leads/${leadId}/convert`, body);

export async function counts(t: TestApp) {
  const db = t.database.db;
  const n = async (table: typeof contacts | typeof companies | typeof deals | typeof activities) =>
    (await db.select({ n: count() }).from(table))[0]?.n ?? 0;
  return {
    contacts: await n(contacts),
    companies: await n(companies),
    deals: await n(deals),
    activities: await n(activities),
    audit: (await db.select({ n: count() }).from(auditLog))[0]?.n ?? 0,
  };
}
