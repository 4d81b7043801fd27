import type { SecretBox } from "./secret-box";

/** What the mail module keeps per process (see `registerMail`). */
export interface MailRuntime {
  /** Seals and opens stored mail passwords. */
  box: SecretBox;
  /** The port the SMTP intake listener of this process listens on; null: off. */
  intakePort: number | null;
}

/** Purposes sealed values are bound to. */
export const SMTP_PASSWORD = "email.smtp.password";
export const IMAP_PASSWORD = "email.imap.password";
