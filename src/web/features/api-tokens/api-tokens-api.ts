import type { ApiToken, CreateApiTokenRequest, CreatedApiToken } from "@shared/schemas/account";
import type { Page } from "@shared/schemas/common";
import { apiRequest, apiSend } from "@web/api/api-client";

export const apiTokensApi = {
  list: (signal?: AbortSignal) => apiRequest<Page<ApiToken>>("/tokens", { signal }),
  create: (body: CreateApiTokenRequest) => apiRequest<CreatedApiToken>("/tokens", { method: "POST", body }),
  revoke: (id: string) => apiSend(`/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
};
