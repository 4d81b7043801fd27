import { isValidScheme } from "@domain/quotes/document-number";
import { isKnownRate } from "@domain/quotes/vat-rates";
import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { ruleViolation } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import type { updateLetterheadBody } from "@shared/schemas/quote";
import { type Letterhead, letterheadSchema } from "@shared/schemas/quote";
import type { z } from "zod";
import { checkLogo, normaliseBic, normaliseIban } from "./letterhead-checks";
import { selectSettingRows, upsertSetting } from "./settings.repository";

/** The settings key of the letterhead, numbering and VAT rates of quotes and invoices (issue #19). */
const KEY = "letterhead";

/** The letterhead with defaults filled in; a stored value that no longer parses falls back to them. */
export async function readLetterhead(db: DbOrTx): Promise<Letterhead> {
  const [row] = await selectSettingRows(db, KEY);
  const parsed = letterheadSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : letterheadSchema.parse({});
}

/** Everyone who writes quotes reads the letterhead (the quote editor shows the VAT rates). */
export async function getLetterhead(ctx: ServiceContext): Promise<Letterhead> {
  return readLetterhead(ctx.db);
}

export async function updateLetterhead(
  ctx: ServiceContext,
  input: z.output<typeof updateLetterheadBody>,
): Promise<Letterhead> {
  authorize(ctx, "settings.manage");
  if (input.quoteNumberScheme !== undefined && !isValidScheme(input.quoteNumberScheme))
    throw ruleViolation("number_scheme_invalid").at("quoteNumberScheme");
  if (input.invoiceNumberScheme !== undefined && !isValidScheme(input.invoiceNumberScheme))
    throw ruleViolation("number_scheme_invalid").at("invoiceNumberScheme");
  if (input.logo) checkLogo(input.logo);
  const changes = {
    ...input,
    ...(input.iban !== undefined && { iban: normaliseIban(input.iban) }),
    ...(input.bic !== undefined && { bic: normaliseBic(input.bic) }),
  };
  return ctx.db.transaction(async (tx) => {
    const next = { ...(await readLetterhead(tx)), ...changes };
    // A label names an offered rate: a standard one or a custom one of this very change.
    next.vatRateLabels.forEach((entry, i) => {
      if (!isKnownRate(entry.rate, next.customVatRates))
        throw ruleViolation("vat_rate_unknown").at(`vatRateLabels.${i}.rate`);
    });
    await upsertSetting(tx, KEY, next);
    // The logo is large and says nothing in a history: only the names of the changed fields.
    await audit(tx, ctx, "settings.letterhead_updated", null, { fields: Object.keys(input) });
    return next;
  });
}
