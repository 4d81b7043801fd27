// Response and request shapes from CONTRACT-foundation.md. They live in this one file so that the
// switch to the zod schemas the server will export from src/shared touches a single import site.

export type Role = "admin" | "manager" | "sales" | "marketing";
export type Locale = "de" | "en";

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  teamId: string | null;
  locale: Locale;
  active: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
  lastLoginAt: string | null;
}

export interface Team {
  id: string;
  name: string;
  memberCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface ApiToken {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
}

/** Only the create answer carries the secret; it is never shown again. */
export interface CreatedApiToken extends ApiToken {
  token: string;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface SetupStatus {
  needsSetup: boolean;
}

/** Values in a server sentence, e.g. `{ count: 200 }` (src/shared/message-codes.ts). */
export type MessageParams = Record<string, string | number>;

export interface ProblemFieldError {
  path: string;
  message: string;
  code?: string;
  params?: MessageParams;
}

/** RFC 9457 problem details as the server sends them, with the `detail` sentence's code and values. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code?: string;
  params?: MessageParams;
  errors?: ProblemFieldError[];
}

export interface SetupRequest {
  email: string;
  name: string;
  password: string;
  locale?: Locale;
}

export interface LoginRequest {
  email: string;
  password: string;
}

export interface UpdateMeRequest {
  name?: string;
  locale?: Locale;
}

export interface ChangePasswordRequest {
  currentPassword: string;
  newPassword: string;
  revokeApiTokens?: boolean;
}

export interface CreateUserRequest {
  email: string;
  name: string;
  password: string;
  role: Role;
  teamId: string | null;
  active?: boolean;
  locale?: Locale;
}

export interface UpdateUserRequest {
  name?: string;
  role?: Role;
  teamId?: string | null;
  active?: boolean;
  password?: string;
  locale?: Locale;
  version?: number;
}

export interface CreateTeamRequest {
  name: string;
}

export interface UpdateTeamRequest {
  name: string;
  version?: number;
}

export interface CreateApiTokenRequest {
  name: string;
}
