import { setImmediate as nextTurn } from "node:timers/promises";
import { type ReadCard, readVcardSteps } from "@domain/contacts/vcard/vcard-read";
import { writeVcard } from "@domain/contacts/vcard/vcard-write";
import { authorize } from "@server/access/authorize";
import { companyVisibility } from "@server/access/record-visibility";
import { findVisibleCompanyByName } from "@server/access/visible-company";
import type { ServiceContext } from "@server/context";
import { field, invalidInput } from "@server/errors";
import { codeOfIssue, type IssueFacts, message, messageCodeOf } from "@shared/message-codes";
import { type CreateContactInput, createContactBody } from "@shared/schemas/contact";
import type { VcardImportResult } from "@shared/schemas/vcard";
import { createContact, getContact } from "./contact.service";

const MAX_CARDS = 2000;

/** The contact as a vCard 4.0, with a file name made of its name. */
export async function exportContactVcard(ctx: ServiceContext, id: string) {
  authorize(ctx, "contact.export");
  const contact = await getContact(ctx, id);
  const base = [contact.firstName, contact.lastName].filter(Boolean).join(" ") || "contact";
  const fileName = `${base.replace(/[^\p{L}\p{N} ._-]/gu, "").trim() || "contact"}.vcf`;
  return { body: writeVcard(contact), fileName };
}

/** The line of a field path: the property behind it, else the card's BEGIN line. */
function lineOf(card: ReadCard, path: (string | number | symbol)[]): number {
  for (let n = path.length; n > 0; n--) {
    const line = card.lines[path.slice(0, n).map(String).join(".")];
    if (line !== undefined) return line;
  }
  return card.line;
}

/**
 * The file's cards, read step by step with a turn of the event loop between steps: reading is linear
 * but a 10 MiB file still takes seconds of CPU, which must not stop other requests (issue #14).
 * Stops at the first card past the limit.
 */
async function readCards(text: string): Promise<ReadCard[]> {
  const cards: ReadCard[] = [];
  for (const step of readVcardSteps(text)) {
    if (step === null) {
      await nextTurn();
      continue;
    }
    if (step.index > MAX_CARDS)
      throw invalidInput(message("vcard_too_many", { count: MAX_CARDS }), [
        field("body", "vcard_too_many", { count: MAX_CARDS }),
      ]);
    cards.push(step);
    await nextTurn();
  }
  return cards;
}

/**
 * Imports a .vcf file: each card is read and validated on its own, an invalid card is reported with
 * its lines, and the valid ones are created in one transaction (all of them or, on an unexpected
 * failure, none). A card's ORG links the visible company of that name, if there is one.
 */
export async function importContactVcards(ctx: ServiceContext, text: string): Promise<VcardImportResult> {
  const cards = await readCards(text);
  if (cards.length === 0) throw invalidInput(message("vcard_none"), [field("body", "vcard_none:field")]);

  const result: VcardImportResult = { imported: [], failed: [], warnings: [] };
  const valid: { card: ReadCard; input: CreateContactInput }[] = [];
  for (const card of cards) {
    if (card.errors.length > 0 || !card.contact) {
      const errors = card.errors.map((e) => ({ ...e, ...messageCodeOf(e.message) }));
      result.failed.push({ card: card.index, line: card.line, name: card.name, errors });
      continue;
    }
    let companyId: string | undefined;
    if (card.organization) {
      const company = await findVisibleCompanyByName(ctx.db, card.organization, companyVisibility(ctx));
      if (company) companyId = company.id;
      else {
        const { text, code, params } = message("vcard_company_unknown", { name: card.organization });
        result.warnings.push({ card: card.index, line: card.line, message: text, code, params });
      }
    }
    const parsed = createContactBody.safeParse({ ...card.contact, ...(companyId ? { companyId } : {}) });
    if (!parsed.success) {
      result.failed.push({
        card: card.index,
        line: card.line,
        name: card.name,
        errors: parsed.error.issues.map((issue) => ({
          line: lineOf(card, issue.path),
          path: issue.path.map(String).join("."),
          message: issue.message,
          ...(messageCodeOf(issue.message) ??
            codeOfIssue({
              keyword: issue.code,
              message: issue.message,
              params: issue as IssueFacts["params"],
            })),
        })),
      });
      continue;
    }
    valid.push({ card, input: parsed.data });
    for (const warning of card.warnings) {
      result.warnings.push({ card: card.index, ...warning, ...messageCodeOf(warning.message) });
    }
  }

  await ctx.db.transaction(async (tx) => {
    const inTx = { ...ctx, db: tx };
    for (const { card, input } of valid) {
      const contact = await createContact(inTx, input);
      result.imported.push({
        card: card.index,
        line: card.line,
        id: contact.id,
        name: [contact.firstName, contact.lastName].filter(Boolean).join(" "),
      });
    }
  });
  return result;
}
