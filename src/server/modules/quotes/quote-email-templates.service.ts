import {
  EMAIL_PLACEHOLDERS,
  type EmailTemplate,
  type EmailValues,
  renderTemplate,
  unknownPlaceholders,
} from "@domain/quotes/email-template";
import { authorize } from "@server/access/authorize";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { ruleViolation } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import { readLetterhead } from "@server/modules/settings/letterhead.service";
import { selectSettingRows, upsertSetting } from "@server/modules/settings/settings.repository";
import { type QuoteEmailTemplates, quoteEmailTemplatesBody } from "@shared/schemas/quote";
import { DEFAULT_EMAIL_TEMPLATES, type Formality, greeting, type Locale } from "./letter-texts";

/** The settings key of the quote emails (issue #19 point 4). */
const KEY = "quote_email_templates";

const defaults = (): QuoteEmailTemplates => structuredClone(DEFAULT_EMAIL_TEMPLATES) as QuoteEmailTemplates;

/** The stored templates, or the built-in ones where nothing (readable) is stored. */
export async function readEmailTemplates(db: DbOrTx): Promise<QuoteEmailTemplates> {
  const [row] = await selectSettingRows(db, KEY);
  const parsed = quoteEmailTemplatesBody.safeParse(row?.value);
  return parsed.success ? parsed.data : defaults();
}

/** Refuses a text naming a placeholder that does not exist, at the field it stands in. */
function checkPlaceholders(template: EmailTemplate, path: string): void {
  for (const part of ["subject", "body"] as const) {
    const [unknown] = unknownPlaceholders(template[part]);
    if (unknown !== undefined)
      throw ruleViolation("email_placeholder_unknown", { placeholder: `{{${unknown}}}` }).at(
        `${path}${path ? "." : ""}${part}`,
      );
  }
}

export async function getEmailTemplates(ctx: ServiceContext) {
  authorize(ctx, "settings.manage");
  return {
    templates: await readEmailTemplates(ctx.db),
    defaults: defaults(),
    placeholders: [...EMAIL_PLACEHOLDERS],
  };
}

export async function updateEmailTemplates(ctx: ServiceContext, input: QuoteEmailTemplates) {
  authorize(ctx, "settings.manage");
  for (const locale of ["de", "en"] as const)
    for (const formality of ["formal", "informal"] as const)
      checkPlaceholders(input[locale][formality], `${locale}.${formality}`);
  await ctx.db.transaction(async (tx) => {
    await upsertSetting(tx, KEY, input);
    await audit(tx, ctx, "settings.quote_email_templates_updated", null, {});
  });
  return getEmailTemplates(ctx);
}

/** Sample values for the preview, in the template's language. */
const SAMPLE: Record<Locale, Omit<EmailValues, "greeting" | "senderName" | "companyName">> = {
  de: {
    quoteNumber: "AN-2026-0042",
    validUntil: "31.12.2026",
    total: "1.234,50 €",
    contactName: "Erika Mustermann",
    customerCompany: "Musterkunde GmbH",
  },
  en: {
    quoteNumber: "AN-2026-0042",
    validUntil: "31 December 2026",
    total: "€1,234.50",
    contactName: "Erika Mustermann",
    customerCompany: "Sample Customer Ltd",
  },
};

export async function previewEmailTemplate(
  ctx: ServiceContext,
  input: EmailTemplate & { locale: Locale; formality: Formality },
) {
  authorize(ctx, "settings.manage");
  checkPlaceholders(input, "");
  const person = { salutation: "Frau", title: null, firstName: "Erika", lastName: "Mustermann" };
  const values: EmailValues = {
    ...SAMPLE[input.locale],
    greeting: greeting(input.locale, input.formality, person),
    senderName: ctx.actor.name,
    companyName: (await readLetterhead(ctx.db)).companyName || "Leadwerk",
  };
  return { subject: renderTemplate(input.subject, values, true), body: renderTemplate(input.body, values) };
}
