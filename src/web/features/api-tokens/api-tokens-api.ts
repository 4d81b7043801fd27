import { apiRequest, apiSend } from "@web/api/api-client";
import type { ApiToken, CreateApiTokenRequest, CreatedApiToken, Page } from "@web/api/types";

export const apiTokensApi = {
  list: (signal?: AbortSignal) => apiRequest<Page<ApiToken>>("/tokens", { signal }),
  create: (body: CreateApiTokenRequest) => apiRequest<CreatedApiToken>("/tokens", { method: "POST", body }),
  revoke: (id: string) => apiSend(`/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
};
