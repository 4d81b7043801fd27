import { randomInt } from "node:crypto";
import { generateSecret, generateURI, verify } from "otplib";
import QRCode from "qrcode";

/**
 * TOTP (RFC 6238: SHA-1, 6 digits, 30-second steps, what every authenticator app reads) through otplib
 * 13, the maintained rewrite that runs on Node 20 without native code, and QR codes through `qrcode`.
 */
const PERIOD = 30;

export const newTotpSecret = () => generateSecret();

export const totpUri = (secret: string, account: string) =>
  generateURI({ issuer: "Leadwerk", label: account, secret, period: PERIOD });

/** The otpauth URI as a PNG data URL, for the setup screen (no third party sees the secret). */
export const totpQrCode = (uri: string) => QRCode.toDataURL(uri, { errorCorrectionLevel: "M", margin: 1 });

/**
 * The time step of a valid code, or null. One step of drift either way is allowed (a phone's clock a
 * little off, a code typed as it changes); a step at or before `lastStep` is refused, so a code seen
 * over a shoulder cannot be used again.
 */
export async function acceptedStep(
  secret: string,
  code: string,
  lastStep: number | null,
  now = Date.now(),
): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    period: PERIOD,
    epoch: Math.floor(now / 1000),
    epochTolerance: PERIOD,
    ...(lastStep !== null ? { afterTimeStep: lastStep } : {}),
  }).catch(() => null);
  return result?.valid && "timeStep" in result ? result.timeStep : null;
}

/** Recovery codes: 10 random characters from an alphabet without look-alikes, shown as xxxxx-xxxxx. */
const ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789";
export function newRecoveryCode(): string {
  // randomInt draws without modulo bias: 31^10, about 49 bits per code.
  const chars = Array.from({ length: 10 }, () => ALPHABET.charAt(randomInt(ALPHABET.length))).join("");
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** What a user typed as a recovery code, in the form its hash was made from. */
export const normalizeRecoveryCode = (input: string) => {
  const plain = input.toLowerCase().replace(/[^a-z0-9]/g, "");
  return plain.length === 10 ? `${plain.slice(0, 5)}-${plain.slice(5)}` : null;
};
