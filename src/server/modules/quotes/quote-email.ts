import { renderTemplate } from "@domain/quotes/email-template";
import type { ServiceContext } from "@server/context";
import type { Tx } from "@server/db/client";
import { ruleViolation } from "@server/errors";
import { insertActivity } from "@server/modules/activities/activity.repository";
import { audit } from "@server/modules/audit/audit";
import { assertMailAllowed } from "@server/modules/gdpr/restriction-guard";
import { enqueueMail } from "@server/modules/mail/outbox";
import { renderLetterPdf } from "./letter-pdf";
import { formatDate, formatMoney, greeting, textsFor } from "./letter-texts";
import { quoteLetter } from "./quote-document.service";
import { readEmailTemplates } from "./quote-email-templates.service";

export interface QuoteEmailInput {
  /** Default: the contact's primary email. */
  to?: string | undefined;
  /** Replaces the template's middle paragraph. */
  message?: string | undefined;
}

/**
 * Emails a sent quote with its PDF, in the same transaction as whatever sent it: the mail goes into
 * the durable outbox (modules/mail/outbox.ts), so it exists exactly when the send commits and is
 * delivered (with retries) by the outbox job. The mail is recorded as a done email activity on the
 * deal, the contact and the company, owned by the sender in the deal's team.
 */
export async function emailQuote(
  ctx: ServiceContext,
  tx: Tx,
  quoteId: string,
  deal: { id: string; teamId: string | null },
  input: QuoteEmailInput,
): Promise<{ activityId: string }> {
  const { letter, quote, contactEmail } = await quoteLetter(ctx, quoteId, undefined, tx);
  const to = input.to ?? contactEmail;
  if (!to) throw ruleViolation("quote_needs_email").at("email.to");
  await assertMailAllowed(tx, to, "email.to");
  const t = textsFor(letter.locale);
  const company = letter.sender.companyName || "Leadwerk";
  const number = letter.number ?? t.draft;
  const r = letter.recipient;
  // The admin's template for the quote's language and Sie/Du (Settings → Letterhead), values put in once.
  const values = {
    greeting: greeting(letter.locale, letter.formality, r),
    quoteNumber: number,
    validUntil: letter.deadline ? formatDate(letter.deadline, letter.locale) : "",
    total: formatMoney(letter.totals.gross, letter.currency, letter.locale),
    contactName: [r.firstName, r.lastName].filter(Boolean).join(" "),
    customerCompany: r.company,
    senderName: letter.contactPerson.name,
    companyName: company,
  };
  const template = (await readEmailTemplates(tx))[letter.locale][letter.formality];
  const subject = renderTemplate(template.subject, values, true);
  // A message typed at sending replaces the template's text between greeting and regards.
  const text =
    input.message === undefined
      ? renderTemplate(template.body, values)
      : [
          values.greeting,
          "",
          input.message,
          "",
          t.regards[letter.formality],
          values.senderName,
          company,
        ].join("\n");
  const pdf = await renderLetterPdf(letter);
  await enqueueMail(tx, {
    to,
    subject,
    text,
    attachments: [
      { filename: `${number.replace(/[^\w.-]+/g, "_")}.pdf`, contentType: "application/pdf", content: pdf },
    ],
    related: [
      { entity: "quote", id: quote.id },
      { entity: "deal", id: quote.dealId },
    ],
    createdBy: ctx.actor.id,
  });
  const activity = await insertActivity(tx, {
    type: "email",
    subject,
    body: `${text}\n\n→ ${to}`,
    done: true,
    doneAt: new Date(),
    dealId: quote.dealId,
    contactId: quote.contactId,
    companyId: quote.companyId,
    ownerId: ctx.actor.id,
    teamId: deal.teamId,
    createdBy: ctx.actor.id,
  });
  await audit(tx, ctx, "activity.created", activity, { type: "email", quoteId: quote.id });
  return { activityId: activity.id };
}
