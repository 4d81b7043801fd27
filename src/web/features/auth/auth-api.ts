import type {
  LoginRequest,
  SessionResponse as Session,
  SetupRequest,
  SetupStatus,
} from "@shared/schemas/account";
import { apiRequest, apiSend } from "@web/api/api-client";

// Every call here runs before or at the edge of a session, where a 401 is an answer, not an expiry.
export const authApi = {
  setupStatus: () => apiRequest<SetupStatus>("/setup", { expectUnauthorized: true }),
  setup: (body: SetupRequest) =>
    apiRequest<Session>("/setup", { method: "POST", body, expectUnauthorized: true }),
  login: (body: LoginRequest) =>
    apiRequest<Session>("/auth/login", { method: "POST", body, expectUnauthorized: true }),
  logout: () => apiSend("/auth/logout", { method: "POST", expectUnauthorized: true }),
  me: () => apiRequest<Session>("/me", { expectUnauthorized: true }),
};
