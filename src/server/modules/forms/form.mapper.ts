import type { WebForm } from "@shared/schemas/form";
import type { FormRow } from "./form.repository";

type Bilingual = { de: string; en: string };

export function toForm(row: FormRow, stats: { count: number; lastAt: Date | null } | undefined): WebForm {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    fields: row.fields as WebForm["fields"],
    campaign: row.campaign,
    teamId: row.teamId,
    consentText: (row.consentText as Bilingual | null) ?? null,
    policyVersion: row.policyVersion,
    thankYouText: (row.thankYouText as Bilingual | null) ?? null,
    redirectUrl: row.redirectUrl,
    allowedOrigins: row.allowedOrigins,
    minFillSeconds: row.minFillSeconds,
    limitPerClient: row.limitPerClient,
    limitPerForm: row.limitPerForm,
    doubleOptIn: row.doubleOptIn,
    active: row.active,
    version: row.version,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    submissions: { count: stats?.count ?? 0, lastAt: stats?.lastAt?.toISOString() ?? null },
  };
}
