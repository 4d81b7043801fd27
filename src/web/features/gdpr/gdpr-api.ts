import type { SubjectType } from "@domain/gdpr/gdpr-types";
import type { Page } from "@shared/schemas/common";
import type {
  Consent,
  createConsentBody,
  decideProposalsBody,
  EraseResult,
  privacyStatusSchema,
  processingLogEntrySchema,
  proposalSchema,
  retentionRuleSchema,
  retentionRulesBody,
} from "@shared/schemas/gdpr";
import { apiRequest, apiSend, apiUrl } from "@web/api/api-client";
import type { z } from "zod";

export type PrivacyStatus = z.infer<typeof privacyStatusSchema>;
export type RetentionRule = z.infer<typeof retentionRuleSchema>;
export type Proposal = z.infer<typeof proposalSchema>;
export type ProcessingLogEntry = z.infer<typeof processingLogEntrySchema>;
export type { Consent, EraseResult, SubjectType };

const base = (type: SubjectType, id: string) =>
  `/${type === "lead" ? "leads" : "contacts"}/${encodeURIComponent(id)}`;

export const gdprApi = {
  privacy: (type: SubjectType, id: string, signal?: AbortSignal) =>
    apiRequest<PrivacyStatus>(`${base(type, id)}/privacy`, { signal }),
  addConsent: (type: SubjectType, id: string, body: z.input<typeof createConsentBody>) =>
    apiRequest<Consent>(`${base(type, id)}/consents`, { method: "POST", body }),
  withdrawConsent: (type: SubjectType, id: string, consentId: string, channel: string) =>
    apiRequest<Consent>(`${base(type, id)}/consents/${encodeURIComponent(consentId)}/withdraw`, {
      method: "POST",
      body: { channel },
    }),
  restrict: (type: SubjectType, id: string, body: { restricted: boolean; reason: string }) =>
    apiSend(`${base(type, id)}/restriction`, { method: "PUT", body }),
  erase: (type: SubjectType, id: string, reason: string) =>
    apiRequest<EraseResult>(`${base(type, id)}/erase`, { method: "POST", body: { reason } }),
  /** A download link: the browser saves the answer (Content-Disposition: attachment). */
  exportUrl: (type: SubjectType, id: string, format: "json" | "pdf", lang: "de" | "en") =>
    apiUrl(`${base(type, id)}/gdpr-export`, { format, lang }),
  rules: (signal?: AbortSignal) => apiRequest<{ data: RetentionRule[] }>("/gdpr/retention-rules", { signal }),
  saveRules: (body: z.input<typeof retentionRulesBody>) =>
    apiRequest<{ data: RetentionRule[] }>("/gdpr/retention-rules", { method: "PUT", body }),
  proposals: (state: Proposal["state"], cursor: string | null, signal?: AbortSignal) =>
    apiRequest<Page<Proposal>>("/gdpr/retention-proposals", {
      query: { state, limit: 50, ...(cursor ? { cursor } : {}) },
      signal,
    }),
  decide: (body: z.input<typeof decideProposalsBody>) =>
    apiRequest<{ decided: number }>("/gdpr/retention-proposals/decide", { method: "POST", body }),
  log: (cursor: string | null, signal?: AbortSignal) =>
    apiRequest<Page<ProcessingLogEntry>>("/gdpr/processing-log", {
      query: { limit: 50, ...(cursor ? { cursor } : {}) },
      signal,
    }),
};
