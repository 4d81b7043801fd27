import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import { readLetterhead } from "@server/modules/settings/letterhead.service";
import { renderLetterPdf } from "./letter-pdf";
import type { Locale } from "./letter-texts";

const today = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());

/**
 * A sample quote on the saved letterhead, so an admin sees logo, address, bank details and footer as a
 * customer will before any real quote goes out. Made-up recipient and lines; nothing is stored.
 */
export async function letterheadPreviewPdf(ctx: ServiceContext, locale: Locale): Promise<Buffer> {
  authorize(ctx, "settings.manage");
  const sender = await readLetterhead(ctx.db);
  const de = locale === "de";
  return renderLetterPdf({
    kind: "quote",
    locale,
    formality: "formal",
    number: null,
    revision: 1,
    date: today(),
    deadline: null,
    sender,
    recipient: {
      company: de ? "Musterkunde GmbH" : "Sample Customer Ltd",
      salutation: de ? "Frau" : "Ms",
      title: null,
      firstName: "Erika",
      lastName: "Mustermann",
      street: de ? "Musterstraße 1" : "1 Sample Street",
      postalCode: "12345",
      city: de ? "Musterstadt" : "Sampletown",
      country: null,
    },
    contactPerson: { name: ctx.actor.name, email: ctx.actor.email },
    introText: null,
    closingText: null,
    currency: "EUR",
    lines: [
      {
        description: de ? "Beratung (Beispielposition)" : "Consulting (sample line)",
        quantity: "2",
        unit: "h",
        unitPrice: "120.00",
        discountPercent: "0",
        vatRate: "19",
        net: "240.00",
      },
    ],
    totals: { net: "240.00", vat: [{ rate: "19", amount: "45.60" }], gross: "285.60" },
  });
}
