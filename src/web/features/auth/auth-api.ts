import type {
  LoginRequest,
  SessionResponse as Session,
  SetupRequest,
  SetupStatus,
} from "@shared/schemas/account";
import type {
  PasswordResetConfirm,
  PasswordResetRequest,
  TwoFactorChallenge,
  TwoFactorLoginRequest,
} from "@shared/schemas/account-security";
import { apiRequest, apiSend } from "@web/api/api-client";

// Every call here runs before or at the edge of a session, where a 401 is an answer, not an expiry.
export const authApi = {
  setupStatus: () => apiRequest<SetupStatus>("/setup", { expectUnauthorized: true }),
  setup: (body: SetupRequest) =>
    apiRequest<Session>("/setup", { method: "POST", body, expectUnauthorized: true }),
  /** The session, or (202) the challenge for the second factor when the account has two-factor on. */
  login: (body: LoginRequest) =>
    apiRequest<Session | TwoFactorChallenge>("/auth/login", {
      method: "POST",
      body,
      expectUnauthorized: true,
    }),
  loginTwoFactor: (body: TwoFactorLoginRequest) =>
    apiRequest<Session>("/auth/login/two-factor", { method: "POST", body, expectUnauthorized: true }),
  requestPasswordReset: (body: PasswordResetRequest) =>
    apiSend("/auth/password-reset", { method: "POST", body, expectUnauthorized: true }),
  confirmPasswordReset: (body: PasswordResetConfirm) =>
    apiSend("/auth/password-reset/confirm", { method: "POST", body, expectUnauthorized: true }),
  logout: () => apiSend("/auth/logout", { method: "POST", expectUnauthorized: true }),
  me: () => apiRequest<Session>("/me", { expectUnauthorized: true }),
};
