import type {
  ChangePasswordRequest,
  SessionResponse as Session,
  UpdateMeRequest,
} from "@shared/schemas/account";
import { apiRequest, apiSend } from "@web/api/api-client";

export const accountApi = {
  updateMe: (body: UpdateMeRequest) => apiRequest<Session>("/me", { method: "PATCH", body }),
  changePassword: (body: ChangePasswordRequest) => apiSend("/me/password", { method: "POST", body }),
};
