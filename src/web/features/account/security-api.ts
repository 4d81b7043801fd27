import type {
  AccountSettings,
  RecoveryCodes,
  SessionInfo,
  TwoFactorProof,
  TwoFactorSetup,
  TwoFactorStatus,
} from "@shared/schemas/account-security";
import { apiRequest, apiSend } from "@web/api/api-client";

export const securityApi = {
  twoFactor: () => apiRequest<TwoFactorStatus>("/me/two-factor"),
  startSetup: () => apiRequest<TwoFactorSetup>("/me/two-factor/setup", { method: "POST" }),
  confirmSetup: (code: string) =>
    apiRequest<RecoveryCodes>("/me/two-factor/confirm", { method: "POST", body: { code } }),
  regenerateCodes: (body: TwoFactorProof) =>
    apiRequest<RecoveryCodes>("/me/two-factor/recovery-codes", { method: "POST", body }),
  disable: (body: TwoFactorProof) => apiSend("/me/two-factor/disable", { method: "POST", body }),
  sessions: () => apiRequest<{ data: SessionInfo[] }>("/me/sessions"),
  revokeSession: (id: string) => apiSend(`/me/sessions/${id}`, { method: "DELETE" }),
  revokeOthers: () => apiRequest<{ revoked: number }>("/me/sessions/revoke-others", { method: "POST" }),
  settings: () => apiRequest<AccountSettings>("/settings/accounts"),
  saveSettings: (body: AccountSettings) =>
    apiRequest<AccountSettings>("/settings/accounts", { method: "PUT", body }),
  revokeUserSessions: (userId: string) =>
    apiRequest<{ revoked: number }>(`/users/${userId}/sessions/revoke`, { method: "POST" }),
  resetUserTwoFactor: (userId: string) => apiSend(`/users/${userId}/two-factor`, { method: "DELETE" }),
};
