import { i18n } from "@web/i18n/i18n";

/** A message the server sent about a field or a skipped record. */
export interface ServerMessage {
  message: string;
  code?: string | undefined;
  params?: Record<string, number> | undefined;
}

/**
 * The server's message in the user's language: its stable `code` (src/shared/message-codes.ts) looked
 * up under `serverErrors`, else the server's English text, so nothing is ever lost.
 */
export function serverMessage({ message, code, params }: ServerMessage): string {
  const key = `serverErrors.${code}`;
  return code && i18n.exists(key) ? i18n.t(key as never, params) : message;
}
