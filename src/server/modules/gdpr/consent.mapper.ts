import type { LegalBasis, WithdrawalChannel } from "@domain/gdpr/gdpr-types";
import type { Consent } from "@shared/schemas/gdpr";
import type { ConsentView } from "./consent.repository";

const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? "" } : null);

export function mapConsent({ row, recordedByName, withdrawnByName }: ConsentView): Consent {
  return {
    id: row.id,
    subjectType: row.leadId ? "lead" : "contact",
    subjectId: row.leadId ?? row.contactId ?? "",
    purpose: row.purpose,
    legalBasis: row.legalBasis as LegalBasis,
    source: row.source,
    policyVersion: row.policyVersion,
    consentText: row.consentText,
    givenAt: row.givenAt.toISOString(),
    recordedBy: person(row.recordedBy, recordedByName),
    withdrawnAt: row.withdrawnAt?.toISOString() ?? null,
    withdrawnBy: person(row.withdrawnBy, withdrawnByName),
    withdrawalChannel: (row.withdrawalChannel as WithdrawalChannel | null) ?? null,
  };
}
