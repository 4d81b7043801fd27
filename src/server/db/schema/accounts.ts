/**
 * Tables of the hardened accounts (#14 point 5): password reset links, TOTP two-factor with its
 * recovery codes, and the pending second step of a login. Every secret a user could replay is stored
 * as its SHA-256 only; the TOTP secret, which the server must read back, is sealed with the app's
 * secret key (mail/secret-box.ts).
 */
import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "../schema";
import { tstz } from "./columns";

/** One row per "forgot password" mail: single use (`used_at`), valid until `expires_at` (one hour). */
export const passwordResetTokens = pgTable(
  "password_reset_tokens",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    createdAt: tstz("created_at").notNull().defaultNow(),
    expiresAt: tstz("expires_at").notNull(),
    usedAt: tstz("used_at"),
  },
  (t) => [
    uniqueIndex("password_reset_tokens_hash_key").on(t.tokenHash),
    // The per-user mail limit counts a user's recent links.
    index("password_reset_tokens_user_idx").on(t.userId, t.createdAt),
  ],
);

/**
 * A user's TOTP secret: `enabled_at` null while the setup waits for its first code. `last_step` is the
 * time step of the last accepted code, so a code cannot be used twice (RFC 6238 §5.2).
 */
export const userTwoFactor = pgTable("user_two_factor", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secretSealed: text("secret_sealed").notNull(),
  enabledAt: tstz("enabled_at"),
  lastStep: bigint("last_step", { mode: "number" }),
  createdAt: tstz("created_at").notNull().defaultNow(),
});

/** Ten single-use codes per user for a lost phone; regenerating replaces all of them. */
export const twoFactorRecoveryCodes = pgTable(
  "two_factor_recovery_codes",
  {
    id: uuid("id").primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: tstz("used_at"),
  },
  (t) => [index("two_factor_recovery_codes_user_idx").on(t.userId, t.codeHash)],
);

/**
 * A login whose password was right and whose second factor is still asked for: a short-lived,
 * single-use token (its SHA-256 here) that the code is sent with; `attempts` ends it after a few
 * wrong codes.
 */
export const pendingLogins = pgTable(
  "pending_logins",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    attempts: integer("attempts").notNull().default(0),
    createdAt: tstz("created_at").notNull().defaultNow(),
    expiresAt: tstz("expires_at").notNull(),
  },
  (t) => [index("pending_logins_user_idx").on(t.userId), index("pending_logins_expires_idx").on(t.expiresAt)],
);
