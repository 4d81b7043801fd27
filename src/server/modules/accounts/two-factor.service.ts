import { authorize } from "@server/access/authorize";
import type { Actor } from "@server/access/permission-gate";
import type { ServiceContext } from "@server/context";
import type { DbOrTx } from "@server/db/client";
import { conflict, notFound, ruleViolation } from "@server/errors";
import { audit } from "@server/modules/audit/audit";
import { verifyPassword } from "@server/modules/auth/password";
import { hashToken } from "@server/modules/auth/secret-token";
import type { SecretBox } from "@server/modules/mail/secret-box";
import { findUserById } from "@server/modules/users/user.repository";
import type {
  RecoveryCodes,
  TwoFactorProof,
  TwoFactorSetup,
  TwoFactorStatus,
} from "@shared/schemas/account-security";
import { readAccountSettings } from "./account-settings";
import * as repo from "./accounts.repository";
import {
  acceptedStep,
  newRecoveryCode,
  newTotpSecret,
  normalizeRecoveryCode,
  totpQrCode,
  totpUri,
} from "./totp";

/** The purpose a TOTP secret is sealed for (secret-box.ts binds a sealed value to it). */
const PURPOSE = "totp-secret";
const RECOVERY_CODE_COUNT = 10;

/**
 * Recovery codes are stored as SHA-256: each carries about 49 random bits and works once, so a slow
 * hash (argon2id) would add nothing an offline guesser could not already not afford, only login time.
 */
const hashRecoveryCode = (code: string) => hashToken(`recovery:${code}`);

/** Does the admin setting ask this user to use two-factor (and they have none yet)? */
export async function twoFactorSetupRequired(
  db: DbOrTx,
  user: { id: string; role: string },
): Promise<boolean> {
  if (user.role !== "admin") return false;
  const settings = await readAccountSettings(db);
  if (!settings.requireAdminTwoFactor) return false;
  return !(await isTwoFactorEnabled(db, user.id));
}

export async function isTwoFactorEnabled(db: DbOrTx, userId: string): Promise<boolean> {
  return (await repo.findTwoFactor(db, userId))?.enabledAt != null;
}

export async function twoFactorStatus(ctx: ServiceContext): Promise<TwoFactorStatus> {
  const row = await repo.findTwoFactor(ctx.db, ctx.actor.id);
  const enabled = row?.enabledAt != null;
  const settings = await readAccountSettings(ctx.db);
  return {
    enabled,
    recoveryCodesLeft: enabled ? await repo.countUnusedRecoveryCodes(ctx.db, ctx.actor.id) : 0,
    required: ctx.actor.role === "admin" && settings.requireAdminTwoFactor,
  };
}

/** A new secret for the user's app; two-factor is on only once a code from it is confirmed. */
export async function startTwoFactorSetup(ctx: ServiceContext, box: SecretBox): Promise<TwoFactorSetup> {
  if (await isTwoFactorEnabled(ctx.db, ctx.actor.id)) throw conflict("two_factor_enabled_already");
  const user = await findUserById(ctx.db, ctx.actor.id);
  const secret = newTotpSecret();
  await repo.upsertPendingTwoFactor(ctx.db, ctx.actor.id, box.seal(secret, PURPOSE));
  const otpauthUrl = totpUri(secret, user?.email ?? ctx.actor.id);
  return { secret, otpauthUrl, qrCode: await totpQrCode(otpauthUrl) };
}

function newRecoveryCodes() {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  return { codes, hashes: codes.map(hashRecoveryCode) };
}

/** Turns two-factor on with the first code of the app; the recovery codes, shown this once. */
export async function confirmTwoFactorSetup(
  ctx: ServiceContext,
  box: SecretBox,
  code: string,
): Promise<RecoveryCodes> {
  const row = await repo.findTwoFactor(ctx.db, ctx.actor.id);
  if (!row) throw ruleViolation("two_factor_not_started");
  if (row.enabledAt) throw conflict("two_factor_enabled_already");
  const secret = box.open(row.secretSealed, PURPOSE);
  const step = secret ? await acceptedStep(secret, code, row.lastStep) : null;
  if (step === null) throw ruleViolation("two_factor_code_invalid").at("code");
  const { codes, hashes } = newRecoveryCodes();
  await ctx.db.transaction(async (tx) => {
    if (!(await repo.claimStep(tx, ctx.actor.id, step)))
      throw ruleViolation("two_factor_code_invalid").at("code");
    await repo.enableTwoFactor(tx, ctx.actor.id);
    await repo.replaceRecoveryCodes(tx, ctx.actor.id, hashes);
    await audit(tx, ctx, "auth.two_factor_enabled", { id: ctx.actor.id });
  });
  return { recoveryCodes: codes };
}

/**
 * Checks a second factor of a user with two-factor on: a TOTP code (its step claimed, so it works
 * once) or an unused recovery code (used up). `tx` should be the transaction the login or change
 * commits in.
 */
export async function verifySecondFactor(
  tx: DbOrTx,
  box: SecretBox,
  userId: string,
  code: string,
): Promise<"totp" | "recovery" | null> {
  const row = await repo.findTwoFactor(tx, userId);
  if (!row?.enabledAt) return null;
  if (/^\d{6}$/.test(code)) {
    const secret = box.open(row.secretSealed, PURPOSE);
    const step = secret ? await acceptedStep(secret, code, row.lastStep) : null;
    return step !== null && (await repo.claimStep(tx, userId, step)) ? "totp" : null;
  }
  const recovery = normalizeRecoveryCode(code);
  if (!recovery) return null;
  return (await repo.consumeRecoveryCode(tx, userId, hashRecoveryCode(recovery))) ? "recovery" : null;
}

/** The password or a current code proves it is the user at the keyboard; else 422 naming the field. */
async function requireProof(tx: DbOrTx, box: SecretBox, actor: Actor, proof: TwoFactorProof) {
  if (proof.password !== undefined) {
    const user = await findUserById(tx, actor.id);
    if (user && (await verifyPassword(user.passwordHash, proof.password))) return;
    throw ruleViolation("password_wrong").at("password");
  }
  if (proof.code !== undefined) {
    if (await verifySecondFactor(tx, box, actor.id, proof.code)) return;
    throw ruleViolation("two_factor_code_invalid").at("code");
  }
  throw ruleViolation("two_factor_proof_required").at("password");
}

export async function disableTwoFactor(
  ctx: ServiceContext,
  box: SecretBox,
  proof: TwoFactorProof,
): Promise<void> {
  if (!(await isTwoFactorEnabled(ctx.db, ctx.actor.id))) throw ruleViolation("two_factor_not_enabled");
  await ctx.db.transaction(async (tx) => {
    await requireProof(tx, box, ctx.actor, proof);
    await repo.deleteTwoFactor(tx, ctx.actor.id);
    await audit(tx, ctx, "auth.two_factor_disabled", { id: ctx.actor.id });
  });
}

export async function regenerateRecoveryCodes(
  ctx: ServiceContext,
  box: SecretBox,
  proof: TwoFactorProof,
): Promise<RecoveryCodes> {
  if (!(await isTwoFactorEnabled(ctx.db, ctx.actor.id))) throw ruleViolation("two_factor_not_enabled");
  const { codes, hashes } = newRecoveryCodes();
  await ctx.db.transaction(async (tx) => {
    await requireProof(tx, box, ctx.actor, proof);
    await repo.replaceRecoveryCodes(tx, ctx.actor.id, hashes);
    await audit(tx, ctx, "auth.recovery_codes_regenerated", { id: ctx.actor.id });
  });
  return { recoveryCodes: codes };
}

/** An admin turns off a user's two-factor (a lost phone without recovery codes). */
export async function resetUserTwoFactor(ctx: ServiceContext, userId: string): Promise<void> {
  authorize(ctx, "user.update");
  if (!(await findUserById(ctx.db, userId))) throw notFound("user_not_found");
  await ctx.db.transaction(async (tx) => {
    await repo.deleteTwoFactor(tx, userId);
    await audit(tx, ctx, "auth.two_factor_reset_by_admin", { id: userId });
  });
}
