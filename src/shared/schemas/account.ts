import { z } from "zod";
import { accountAbilitiesSchema } from "./abilities";
import {
  emailSchema,
  idSchema,
  isoDateTime,
  localeSchema,
  passwordSchema,
  roleSchema,
  text,
  versionField,
} from "./common";
import { rolePermissionsSchema } from "./permissions";

export const userSchema = z.object({
  id: idSchema,
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  teamId: idSchema.nullable(),
  locale: localeSchema,
  active: z.boolean(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  lastLoginAt: isoDateTime.nullable(),
});
export type User = z.infer<typeof userSchema>;

export const sessionResponse = z.object({
  user: userSchema,
  csrfToken: z
    .string()
    .describe("Send as X-CSRF-Token with every cookie-authenticated POST, PATCH, PUT, DELETE"),
  abilities: accountAbilitiesSchema,
  twoFactorSetupRequired: z
    .boolean()
    .describe("An admin setting asks this admin to set up two-factor before working on"),
  permissions: rolePermissionsSchema.describe(
    "Your role's row of the permission matrix: per entity create, read, edit, delete, export, changeOwner",
  ),
});
export type SessionResponse = z.infer<typeof sessionResponse>;

export const loginBody = z.strictObject({
  email: z.string().trim().toLowerCase().min(1).max(254),
  password: z.string().min(1).max(200),
});

export type LoginRequest = z.input<typeof loginBody>;

export const setupStatus = z.object({ needsSetup: z.boolean() });
export type SetupStatus = z.infer<typeof setupStatus>;
export const setupBody = z.strictObject({
  email: emailSchema,
  name: text(200),
  password: passwordSchema,
  locale: localeSchema.optional(),
});

export type SetupRequest = z.input<typeof setupBody>;

export const updateMeBody = z.strictObject({ name: text(200).optional(), locale: localeSchema.optional() });
export type UpdateMeRequest = z.input<typeof updateMeBody>;
export const changePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
  revokeApiTokens: z
    .boolean()
    .optional()
    .describe("Also revoke all of the user's API tokens (a leaked password may have made some)"),
});
export type ChangePasswordRequest = z.input<typeof changePasswordBody>;

export const createUserBody = z.strictObject({
  email: emailSchema,
  name: text(200),
  password: passwordSchema,
  role: roleSchema,
  teamId: idSchema.nullable(),
  active: z.boolean().optional(),
  locale: localeSchema.optional(),
});
export const updateUserBody = z.strictObject({
  name: text(200).optional(),
  role: roleSchema.optional(),
  teamId: idSchema.nullable().optional(),
  active: z.boolean().optional(),
  password: passwordSchema.optional(),
  locale: localeSchema.optional(),
  version: versionField.optional(),
});
export type CreateUserRequest = z.input<typeof createUserBody>;
export type UpdateUserRequest = z.input<typeof updateUserBody>;

export const teamSchema = z.object({
  id: idSchema,
  name: z.string(),
  memberCount: z.number().int(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type Team = z.infer<typeof teamSchema>;
export const teamBody = z.strictObject({ name: text(120) });
export const updateTeamBody = z.strictObject({ name: text(120), version: versionField.optional() });
export type CreateTeamRequest = z.input<typeof teamBody>;
export type UpdateTeamRequest = z.input<typeof updateTeamBody>;

export const tokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  prefix: z.string().describe("First characters of the token, to tell tokens apart"),
  createdAt: isoDateTime,
  lastUsedAt: isoDateTime.nullable(),
});
export type ApiToken = z.infer<typeof tokenSchema>;
export const createTokenBody = z.strictObject({ name: text(120) });
export type CreateApiTokenRequest = z.input<typeof createTokenBody>;
export const createdTokenSchema = tokenSchema.extend({
  token: z.string().describe("The secret; shown only in this response"),
});
/** Only the create answer carries the secret; it is never shown again. */
export type CreatedApiToken = z.infer<typeof createdTokenSchema>;

/** The people a user may pick as owner: small, for selects. */
export const userOptionSchema = z.object({
  id: idSchema,
  name: z.string(),
  email: z.string(),
  role: roleSchema,
  teamId: idSchema.nullable(),
});
export type UserOption = z.infer<typeof userOptionSchema>;
export const userOptionsQuery = z.strictObject({ q: z.string().trim().max(100).optional() });
