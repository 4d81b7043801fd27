import { z } from "zod";
import { emailSchema, idSchema, isoDateTime, passwordSchema } from "./common";

/** Schemas of the hardened accounts (#14 point 5): reset by mail, TOTP two-factor, sessions. */

export const passwordResetRequestBody = z.strictObject({
  email: emailSchema.describe(
    "The account's address; the answer is the same whether it exists or not. The mail is in the user's language.",
  ),
});
export type PasswordResetRequest = z.input<typeof passwordResetRequestBody>;

export const passwordResetConfirmBody = z.strictObject({
  token: z.string().min(1).max(200).describe("The token from the reset link"),
  newPassword: passwordSchema,
});
export type PasswordResetConfirm = z.input<typeof passwordResetConfirmBody>;

export const acceptedResponse = z.object({ accepted: z.literal(true) });

/** The login's answer when the password was right and a second factor is asked for (202). */
export const twoFactorChallenge = z.object({
  twoFactorRequired: z.literal(true),
  pendingToken: z
    .string()
    .describe("Send with the code to /auth/login/two-factor; valid 5 minutes, single use"),
  expiresAt: isoDateTime,
});
export type TwoFactorChallenge = z.infer<typeof twoFactorChallenge>;

export const twoFactorCodeField = z
  .string()
  .trim()
  .min(1)
  .max(40)
  .describe("A 6-digit code of the authenticator app, or one recovery code (xxxxx-xxxxx)");

export const twoFactorLoginBody = z.strictObject({
  pendingToken: z.string().min(1).max(200),
  code: twoFactorCodeField,
});
export type TwoFactorLoginRequest = z.input<typeof twoFactorLoginBody>;

export const twoFactorStatus = z.object({
  enabled: z.boolean(),
  recoveryCodesLeft: z.number().int(),
  required: z.boolean().describe("An admin setting asks this user (an admin) to use two-factor"),
});
export type TwoFactorStatus = z.infer<typeof twoFactorStatus>;

export const twoFactorSetup = z.object({
  secret: z.string().describe("Base32 secret, for typing into the app by hand"),
  otpauthUrl: z.string(),
  qrCode: z.string().describe("The otpauth URL as a PNG data URL"),
});
export type TwoFactorSetup = z.infer<typeof twoFactorSetup>;

export const twoFactorConfirmBody = z.strictObject({ code: z.string().trim().min(1).max(20) });
export const recoveryCodesResponse = z.object({
  recoveryCodes: z.array(z.string()).describe("Shown only in this answer; each works once"),
});
export type RecoveryCodes = z.infer<typeof recoveryCodesResponse>;

/** Proof for disabling or new recovery codes: the password, or a current code. */
export const twoFactorProofBody = z.strictObject({
  password: z.string().min(1).max(200).optional(),
  code: twoFactorCodeField.optional(),
});
export type TwoFactorProof = z.input<typeof twoFactorProofBody>;

export const sessionInfo = z.object({
  id: idSchema,
  userAgent: z.string().nullable(),
  ipPrefix: z
    .string()
    .nullable()
    .describe("The client's network (IPv4 /24, IPv6 /48), never the full address"),
  createdAt: isoDateTime,
  lastSeenAt: isoDateTime,
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionInfo>;
export const sessionList = z.object({ data: z.array(sessionInfo) });
export const revokedResponse = z.object({ revoked: z.number().int() });

export const accountSettingsSchema = z.strictObject({
  requireAdminTwoFactor: z.boolean().describe("Admins without two-factor are sent to set it up after login"),
});
export type AccountSettings = z.infer<typeof accountSettingsSchema>;
