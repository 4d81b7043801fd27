import type {
  EmailSettings,
  EmailTestResult,
  emailSettingsBody,
  emailTestBody,
  inboundListResponse,
  OutboxMail,
  outboxListResponse,
} from "@shared/schemas/mail";
import { apiRequest } from "@web/api/api-client";
import type { z } from "zod";

export type { EmailSettings, EmailTestResult, OutboxMail };
export type EmailSettingsRequest = z.input<typeof emailSettingsBody>;
export type EmailTestRequest = z.input<typeof emailTestBody>;
export type OutboxPage = z.infer<typeof outboxListResponse>;
export type InboundPage = z.infer<typeof inboundListResponse>;
export type InboundMail = InboundPage["data"][number];

export const mailApi = {
  settings: (signal?: AbortSignal) => apiRequest<EmailSettings>("/settings/email", { signal }),
  save: (body: EmailSettingsRequest) => apiRequest<EmailSettings>("/settings/email", { method: "PUT", body }),
  test: (body: EmailTestRequest) =>
    apiRequest<EmailTestResult>("/settings/email/test", { method: "POST", body }),
  outbox: (cursor: string | null, signal?: AbortSignal) =>
    apiRequest<OutboxPage>("/outbox", { signal, query: { limit: 20, ...(cursor ? { cursor } : {}) } }),
  testMail: (to: string, locale: "de" | "en") =>
    apiRequest<OutboxMail>("/settings/email/test-mail", { method: "POST", body: { to, locale } }),
  retry: (id: string) => apiRequest<OutboxMail>(`/outbox/${id}/retry`, { method: "POST" }),
  inbound: (cursor: string | null, signal?: AbortSignal) =>
    apiRequest<InboundPage>("/inbound-mails", {
      signal,
      query: { limit: 20, ...(cursor ? { cursor } : {}) },
    }),
};
