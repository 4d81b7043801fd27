import type { Tx } from "@server/db/client";
import { products, settings } from "@server/db/schema";
import { letterheadSchema } from "@shared/schemas/quote";

/**
 * The demo's price list and letterhead (issue #19), so a quote can be written from any demo deal
 * at once. Fixed rows rather than faker's: a price list is short and the PDFs should look the same
 * every time. A letterhead already set is left alone.
 */
export async function seedPriceList(tx: Tx): Promise<void> {
  await tx
    .insert(products)
    .values([
      { name: "Leadwerk Lizenz Team", sku: "LW-TEAM", unit: "Lizenz", netPrice: "49.90", vatRate: "19" },
      { name: "Leadwerk Lizenz Enterprise", sku: "LW-ENT", unit: "Lizenz", netPrice: "89.00", vatRate: "19" },
      {
        name: "Einrichtung und Datenübernahme",
        sku: "SV-SETUP",
        unit: "Tag",
        netPrice: "980.00",
        vatRate: "19",
      },
      { name: "Schulung vor Ort", sku: "SV-TRAIN", unit: "Tag", netPrice: "1200.00", vatRate: "19" },
      { name: "Support-Paket Premium", sku: "SV-SUP", unit: "Monat", netPrice: "250.00", vatRate: "19" },
      { name: "Handbuch (gedruckt)", sku: "DOC-BOOK", unit: "Stk", netPrice: "39.00", vatRate: "7" },
    ])
    .onConflictDoNothing();
  const letterhead = letterheadSchema.parse({
    companyName: "Leadwerk Demo GmbH",
    street: "Musterweg 1",
    postalCode: "10115",
    city: "Berlin",
    phone: "+49 30 1234567",
    email: "vertrieb@leadwerk.example",
    website: "www.leadwerk.example",
    vatId: "DE123456789",
    register: "Amtsgericht Berlin (Charlottenburg) HRB 123456",
    managingDirector: "Erika Mustermann",
    bankName: "Berliner Volksbank",
    iban: "DE02 1001 0010 0006 8201 01",
    bic: "PBNKDEFF",
  });
  await tx.insert(settings).values({ key: "letterhead", value: letterhead }).onConflictDoNothing();
}
