/** Mirrors the server's rule for new passwords (CONTRACT-foundation: newPassword min 10 chars). */
export const MIN_PASSWORD_LENGTH = 10;
