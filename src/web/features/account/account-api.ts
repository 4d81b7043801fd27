import { apiRequest, apiSend } from "@web/api/api-client";
import type { ChangePasswordRequest, Session, UpdateMeRequest } from "@web/api/types";

export const accountApi = {
  updateMe: (body: UpdateMeRequest) => apiRequest<Session>("/me", { method: "PATCH", body }),
  changePassword: (body: ChangePasswordRequest) => apiSend("/me/password", { method: "POST", body }),
};
