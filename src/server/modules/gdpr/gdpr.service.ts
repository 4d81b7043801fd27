import type { SubjectType } from "@domain/gdpr/gdpr-types";
import { authorize } from "@server/access/authorize";
import { contactVisibility, leadVisibility } from "@server/access/record-visibility";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { consentRecords, processingLog, processingRestrictions, users } from "@server/db/schema";
import { notFound, ruleViolation } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import type { CreateConsentInput, EraseResult } from "@shared/schemas/gdpr";
import { and, desc, eq, inArray, or } from "drizzle-orm";
import { mapConsent } from "./consent.mapper";
import { findConsentForUpdate, listConsents } from "./consent.repository";
import { erasePerson } from "./erase-person";
import { type Person, personOf, personRestrictions } from "./person";
import { collectPersonData } from "./person-export";
import { logProcessing } from "./processing-log";

export interface Subject {
  type: SubjectType;
  id: string;
}

/** The person behind a lead or contact the actor sees; 404 as for any record they may not see. */
export async function visiblePerson(ctx: ServiceContext, db: DbOrTx, subject: Subject): Promise<Person> {
  const person = await personOf(db, subject, { lead: leadVisibility(ctx), contact: contactVisibility(ctx) });
  if (!person) throw notFound(subject.type === "lead" ? "lead_not_found" : "contact_not_found");
  return person;
}

/** What the record pages show: the consent log, the restriction and whether the person was erased. */
export async function privacyStatus(ctx: ServiceContext, subject: Subject) {
  const person = await visiblePerson(ctx, ctx.db, subject);
  const consents = (await listConsents(ctx.db, person)).map(mapConsent);
  const [restriction] = await ctx.db
    .select({
      reason: processingRestrictions.reason,
      at: processingRestrictions.restrictedAt,
      byId: users.id,
      byName: users.name,
    })
    .from(processingRestrictions)
    .leftJoin(users, eq(users.id, processingRestrictions.restrictedBy))
    .where(personRestrictions(person))
    .orderBy(desc(processingRestrictions.restrictedAt))
    .limit(1);
  const [erased] = await ctx.db
    .select({ at: processingLog.at })
    .from(processingLog)
    .where(
      and(
        inArray(processingLog.action, ["erased", "retention_purged"]),
        or(
          and(eq(processingLog.subjectType, "lead"), inArray(processingLog.subjectId, person.leadIds)),
          and(eq(processingLog.subjectType, "contact"), inArray(processingLog.subjectId, person.contactIds)),
        ),
      ),
    )
    .orderBy(desc(processingLog.at))
    .limit(1);
  return {
    restricted: restriction
      ? {
          reason: restriction.reason,
          at: restriction.at.toISOString(),
          by: restriction.byId ? { id: restriction.byId, name: restriction.byName ?? "" } : null,
        }
      : null,
    erasedAt: erased?.at.toISOString() ?? null,
    consents,
  };
}

export async function addConsent(ctx: ServiceContext, subject: Subject, input: CreateConsentInput) {
  authorize(ctx, "consent.record");
  return ctx.db.transaction(async (tx) => {
    await visiblePerson(ctx, tx, subject);
    const [row] = await tx
      .insert(consentRecords)
      .values({
        leadId: subject.type === "lead" ? subject.id : null,
        contactId: subject.type === "contact" ? subject.id : null,
        purpose: input.purpose,
        legalBasis: input.legalBasis,
        source: input.source,
        policyVersion: input.policyVersion ?? null,
        givenAt: input.givenAt ? new Date(input.givenAt) : new Date(),
        recordedBy: ctx.actor.id,
      })
      .returning();
    if (!row) throw new Error("consent insert returned nothing");
    await audit(tx, ctx, `${subject.type}.consent_added`, { id: subject.id }, { consentId: row.id });
    await logProcessing(tx, ctx, "consent_added", subject, {
      detail: { consentId: row.id, legalBasis: input.legalBasis },
    });
    return mapConsent({ row, recordedByName: ctx.actor.name, withdrawnByName: null });
  });
}

export async function withdrawConsent(
  ctx: ServiceContext,
  subject: Subject,
  consentId: string,
  input: {
    channel: NonNullable<typeof consentRecords.$inferSelect.withdrawalChannel>;
    withdrawnAt?: string | undefined;
  },
) {
  authorize(ctx, "consent.record");
  return ctx.db.transaction(async (tx) => {
    const person = await visiblePerson(ctx, tx, subject);
    const row = await findConsentForUpdate(tx, consentId);
    const belongs =
      row &&
      ((row.leadId && person.leadIds.includes(row.leadId)) ||
        (row.contactId && person.contactIds.includes(row.contactId)));
    if (!row || !belongs) throw notFound("consent_not_found");
    if (row.withdrawnAt) throw ruleViolation("consent_withdrawn_already");
    const [updated] = await tx
      .update(consentRecords)
      .set({
        withdrawnAt: input.withdrawnAt ? new Date(input.withdrawnAt) : new Date(),
        withdrawnBy: ctx.actor.id,
        withdrawalChannel: input.channel,
      })
      .where(eq(consentRecords.id, row.id))
      .returning();
    if (!updated) throw notFound("consent_not_found");
    await audit(tx, ctx, `${subject.type}.consent_withdrawn`, { id: subject.id }, { consentId: row.id });
    await logProcessing(tx, ctx, "consent_withdrawn", subject, {
      detail: { consentId: row.id, channel: input.channel },
    });
    const [names] = await tx
      .select({ name: users.name })
      .from(users)
      .where(eq(users.id, row.recordedBy ?? ctx.actor.id));
    return mapConsent({
      row: updated,
      recordedByName: row.recordedBy ? (names?.name ?? null) : null,
      withdrawnByName: ctx.actor.name,
    });
  });
}

/** Art. 18: restricts (or lifts the restriction of) the person's processing; the reason is logged. */
export async function setRestriction(
  ctx: ServiceContext,
  subject: Subject,
  input: { restricted: boolean; reason: string },
): Promise<void> {
  authorize(ctx, "gdpr.manage");
  await ctx.db.transaction(async (tx) => {
    const person = await visiblePerson(ctx, tx, subject);
    if (input.restricted) {
      await tx
        .insert(processingRestrictions)
        .values({
          subjectType: subject.type,
          subjectId: subject.id,
          reason: input.reason,
          restrictedBy: ctx.actor.id,
        })
        .onConflictDoUpdate({
          target: [processingRestrictions.subjectType, processingRestrictions.subjectId],
          set: { reason: input.reason, restrictedBy: ctx.actor.id, restrictedAt: new Date() },
        });
    } else {
      await tx.delete(processingRestrictions).where(personRestrictions(person));
    }
    await audit(tx, ctx, `${subject.type}.${input.restricted ? "restricted" : "unrestricted"}`, {
      id: subject.id,
    });
    await logProcessing(tx, ctx, input.restricted ? "restricted" : "unrestricted", subject, {
      reason: input.reason,
    });
  });
}

/** Art. 17: anonymises the person in one transaction; the reason goes into the processing log. */
export async function erase(ctx: ServiceContext, subject: Subject, reason: string): Promise<EraseResult> {
  authorize(ctx, "gdpr.manage");
  return ctx.db.transaction(async (tx) => {
    const person = await visiblePerson(ctx, tx, subject);
    const result = await erasePerson(tx, person);
    // After the redaction, so this entry stays: who erased when (the reason is the processing log's).
    await audit(tx, ctx, `${subject.type}.erased`, { id: subject.id });
    await logProcessing(tx, ctx, "erased", subject, {
      reason,
      detail: { ...result, leadIds: person.leadIds, contactIds: person.contactIds },
    });
    return result;
  });
}

/** Art. 15: everything about the person, for a JSON download or the PDF; audited and logged. */
export async function exportPerson(ctx: ServiceContext, subject: Subject, format: "json" | "pdf") {
  authorize(ctx, "gdpr.manage");
  return ctx.db.transaction(async (tx) => {
    const person = await visiblePerson(ctx, tx, subject);
    const data = await collectPersonData(tx, person);
    await audit(tx, ctx, `${subject.type}.gdpr_exported`, { id: subject.id }, { format });
    await logProcessing(tx, ctx, "exported", subject, {
      detail: { format, leadIds: person.leadIds, contactIds: person.contactIds },
    });
    return data;
  });
}
