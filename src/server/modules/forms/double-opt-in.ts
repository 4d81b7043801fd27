import { createHmac, timingSafeEqual } from "node:crypto";
import type { Db, DbOrTx } from "@server/db/client";
import { leadConsents, leads, webForms } from "@server/db/schema";
import type { JobDefinition } from "@server/jobs/job-definition";
import { insertAuditRows } from "@server/modules/intake/intake.repository";
import { readIntakeSettings } from "@server/modules/intake/intake-settings";
import { enqueueMail } from "@server/modules/mail/outbox";
import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { formSecret } from "./form-secret";
import type { Lang } from "./submit-form.service";

/** Leads waiting for their confirmation carry this tag, so the list shows (and filters) them. */
export const DOI_PENDING_TAG = "double-opt-in-pending";

const mac = (secret: string, consentId: string) =>
  createHmac("sha256", secret).update(`doi:${consentId}`).digest("base64url");

/**
 * The confirmation link's token: the consent's id, signed. Stateless, so confirming needs no token
 * column; the consent's `confirmed_at` makes a second click harmless.
 */
export const confirmToken = (secret: string, consentId: string) => `${consentId}.${mac(secret, consentId)}`;

function consentIdOf(secret: string, token: string): string | null {
  const [id, signature] = token.split(".");
  if (!id || !signature || !/^[0-9a-f-]{36}$/.test(id)) return null;
  const expected = Buffer.from(mac(secret, id));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? id : null;
}

const MAIL = {
  de: {
    subject: (form: string) => `Bitte bestätigen Sie Ihre Anmeldung: ${form}`,
    text: (form: string, link: string, hours: number) =>
      `Guten Tag,\n\nvielen Dank für Ihre Angaben im Formular „${form}“. Bitte bestätigen Sie Ihre Einwilligung mit einem Klick auf diesen Link:\n\n${link}\n\nOhne Bestätigung löschen wir Ihre Angaben nach ${hours} Stunden. Wenn Sie das Formular nicht ausgefüllt haben, ignorieren Sie diese E-Mail einfach.\n`,
  },
  en: {
    subject: (form: string) => `Please confirm your registration: ${form}`,
    text: (form: string, link: string, hours: number) =>
      `Hello,\n\nthank you for your details in the form "${form}". Please confirm your consent by opening this link:\n\n${link}\n\nWithout confirmation we delete your details after ${hours} hours. If you did not fill in the form, simply ignore this email.\n`,
  },
} as const;

/**
 * After a double-opt-in form's submission made or joined a lead: the consent waits for its
 * confirmation, and the confirmation mail goes into the durable outbox in the same transaction.
 */
export async function requestConfirmation(
  tx: DbOrTx,
  input: { leadId: string; formId: string; formName: string; email: string; lang: Lang; baseUrl: string },
): Promise<void> {
  const [consent] = await tx
    .select({ id: leadConsents.id })
    .from(leadConsents)
    .where(
      and(
        eq(leadConsents.leadId, input.leadId),
        eq(leadConsents.formId, input.formId),
        isNull(leadConsents.confirmedAt),
      ),
    )
    .orderBy(sql`${leadConsents.givenAt} desc`)
    .limit(1);
  if (!consent) return;
  const secret = await formSecret(tx);
  const { doubleOptInHours } = await readIntakeSettings(tx);
  const link = `${input.baseUrl}/f/confirm/${confirmToken(secret, consent.id)}?lang=${input.lang}`;
  const words = MAIL[input.lang];
  await enqueueMail(tx, {
    to: input.email,
    subject: words.subject(input.formName),
    text: words.text(input.formName, link, doubleOptInHours),
    related: [{ entity: "lead", id: input.leadId }],
  });
}

/** Confirms the consent behind a link's token; the form's name, or null for an unknown token. */
export async function confirmConsent(db: Db, token: string): Promise<{ formName: string | null } | null> {
  const secret = await formSecret(db);
  const consentId = consentIdOf(secret, token);
  if (!consentId) return null;
  return db.transaction(async (tx) => {
    const [consent] = await tx
      .select({
        id: leadConsents.id,
        leadId: leadConsents.leadId,
        confirmedAt: leadConsents.confirmedAt,
        formName: webForms.name,
      })
      .from(leadConsents)
      .leftJoin(webForms, eq(webForms.id, leadConsents.formId))
      .where(eq(leadConsents.id, consentId))
      .for("update", { of: leadConsents });
    if (!consent) return null;
    if (consent.confirmedAt) return { formName: consent.formName };
    await tx.update(leadConsents).set({ confirmedAt: new Date() }).where(eq(leadConsents.id, consent.id));
    await tx
      .update(leads)
      .set({ tags: sql`array_remove(${leads.tags}, ${DOI_PENDING_TAG})` })
      .where(eq(leads.id, consent.leadId));
    await insertAuditRows(tx, [
      {
        actorId: null,
        action: "lead.consent_confirmed",
        entityType: "lead",
        entityId: consent.leadId,
        changes: { consentId: consent.id, form: consent.formName },
      },
    ]);
    return { formName: consent.formName };
  });
}

/**
 * Removes what was never confirmed: the unconfirmed consents older than the setting's hours, and the
 * leads they made that still wait (tagged pending), soft-deleted like any deleted lead. One batch.
 */
export async function expireUnconfirmed(db: Db, limit = 500): Promise<number> {
  return db.transaction(async (tx) => {
    const { doubleOptInHours } = await readIntakeSettings(tx);
    const before = new Date(Date.now() - doubleOptInHours * 3_600_000);
    const stale = await tx
      .select({ id: leadConsents.id, leadId: leadConsents.leadId })
      .from(leadConsents)
      .innerJoin(webForms, eq(webForms.id, leadConsents.formId))
      .where(
        and(
          isNull(leadConsents.confirmedAt),
          eq(webForms.doubleOptIn, true),
          lt(leadConsents.givenAt, before),
        ),
      )
      .limit(limit);
    if (stale.length === 0) return 0;
    const removed = await tx
      .update(leads)
      .set({ deletedAt: new Date(), updatedAt: new Date(), version: sql`${leads.version} + 1` })
      .where(
        and(
          inArray(
            leads.id,
            stale.map((s) => s.leadId),
          ),
          isNull(leads.deletedAt),
          sql`${DOI_PENDING_TAG} = any(${leads.tags})`,
        ),
      )
      .returning({ id: leads.id });
    await insertAuditRows(
      tx,
      removed.map((lead) => ({
        actorId: null,
        action: "lead.deleted",
        entityType: "lead",
        entityId: lead.id,
        changes: { reason: "double_opt_in_expired" },
      })),
    );
    await tx.delete(leadConsents).where(
      inArray(
        leadConsents.id,
        stale.map((s) => s.id),
      ),
    );
    return stale.length;
  });
}

/** Hourly: unconfirmed double-opt-in submissions past their time are removed. */
export const doiExpiryJob: JobDefinition = {
  name: "intake-doi-expiry",
  everyMs: 3_600_000,
  atStart: true,
  async run(ctx) {
    let removed = 0;
    for (
      let batch = await expireUnconfirmed(ctx.db);
      batch > 0 && !ctx.signal.aborted;
      batch = await expireUnconfirmed(ctx.db)
    )
      removed += batch;
    if (removed > 0) ctx.log.info({ consents: removed }, "unconfirmed double opt-ins removed");
  },
};
