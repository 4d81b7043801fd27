import type { TestApp } from "./app";
import { Client } from "./app";
import { buildTeam, buildUser } from "./factories";

/**
 * A salesperson with a deal that is ready for a quote: a company with a billing address, a contact
 * (primary on the deal) and the deal itself, all made through the API as the web would.
 */
export async function dealReadyForQuote(t: TestApp, options: { role?: "sales" | "admin" | "manager" } = {}) {
  const team = await buildTeam(t.database.db);
  const user = await buildUser(t.database.db, { role: options.role ?? "sales", team });
  const client = new Client(t.app);
  await client.login(user.email, user.password);
  const company = (
    await client.post("/api/v1/companies", {
      name: "Müller & Söhne GmbH",
      billingAddress: {
        street: "Hauptstraße 5",
        postalCode: "80331",
        city: "München",
        country: "Deutschland",
      },
    })
  ).json();
  const contact = (
    await client.post("/api/v1/contacts", {
      salutation: "Frau",
      firstName: "Anna",
      lastName: "Schmidt",
      email: "anna.schmidt@example.org",
      companyId: company.id,
    })
  ).json();
  const deal = (
    await client.post("/api/v1/deals", {
      title: "CRM-Einführung",
      companyId: company.id,
      contacts: [{ contactId: contact.id }],
      amount: { amount: "1000", currency: "EUR" },
    })
  ).json();
  if (!deal.id) throw new Error(`deal not created: ${JSON.stringify(deal)}`);
  return { team, user, client, company, contact, deal };
}

export const line = (overrides: Record<string, unknown> = {}) => ({
  description: "Beratung",
  quantity: "2",
  unit: "h",
  unitPrice: { amount: "120.00", currency: "EUR" },
  discountPercent: "0",
  vatRate: "19",
  ...overrides,
});
