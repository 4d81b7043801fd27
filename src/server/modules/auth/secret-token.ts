import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe; used for session cookies and API tokens. Only the SHA-256 is stored. */
export const newSecretToken = (prefix = "") => prefix + randomBytes(32).toString("base64url");
export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
