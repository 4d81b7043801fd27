import type { DbOrTx } from "@server/db/client";
import { consentRecords, webForms } from "@server/db/schema";
import { inArray } from "drizzle-orm";

/** A consent a web form's submission just recorded as proof (lead_consents), as the intake wrote it. */
export interface FormConsentProof {
  id: string;
  leadId: string;
  formId: string | null;
  policyVersion: string | null;
  consentText: string;
  givenAt: Date;
}

/**
 * The intake's hook into the consent log: each form consent becomes a consent-log entry of its lead
 * (legal basis consent, source the form's name, recorded by the system), linked to its proof.
 */
export async function recordFormConsents(tx: DbOrTx, proofs: FormConsentProof[]): Promise<void> {
  if (proofs.length === 0) return;
  const formIds = [...new Set(proofs.flatMap((p) => (p.formId ? [p.formId] : [])))];
  const forms = formIds.length
    ? await tx
        .select({ id: webForms.id, name: webForms.name })
        .from(webForms)
        .where(inArray(webForms.id, formIds))
    : [];
  const nameOf = new Map(forms.map((f) => [f.id, f.name]));
  await tx.insert(consentRecords).values(
    proofs.map((p) => ({
      leadId: p.leadId,
      // The consent text is what the person agreed to: its start names the purpose.
      purpose: p.consentText.length > 200 ? `${p.consentText.slice(0, 199)}…` : p.consentText,
      legalBasis: "consent",
      source: (p.formId && nameOf.get(p.formId)) || "web form",
      policyVersion: p.policyVersion,
      consentText: p.consentText,
      leadConsentId: p.id,
      givenAt: p.givenAt,
      recordedBy: null,
    })),
  );
}
