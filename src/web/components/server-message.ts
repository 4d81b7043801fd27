import type { MessageParams } from "@shared/schemas/common";
import type { Problem } from "@web/api/api-client";
import { i18n } from "@web/i18n/i18n";

/** A sentence the server sent: a problem's detail, a field error or a skipped record's reason. */
export interface ServerMessage {
  message: string;
  code?: string | undefined;
  params?: MessageParams | undefined;
}

/**
 * The server's sentence in the user's language: its stable `code` (src/shared/message-codes.ts) looked
 * up under `serverErrors` with its values, else the server's English text, so nothing is ever lost.
 */
export function serverMessage({ message, code, params }: ServerMessage): string {
  const key = `serverErrors.${code}`;
  // `exists` needs the values too: a sentence with a count may have only plural forms.
  return code && i18n.exists(key, params) ? i18n.t(key as never, params) : message;
}

/** The problem's kind from its `type` URI (`…/problems/stale-version` → `stale_version`). */
const kindOf = (problem: Problem) => problem.type.split("/problems/")[1]?.replaceAll("-", "_");

/** A problem's `detail` in the user's language (undefined when the answer had none). */
export function problemDetail(problem: Problem): string | undefined {
  return problem.detail === undefined
    ? undefined
    : serverMessage({ message: problem.detail, code: problem.code, params: problem.params });
}

/** A problem's `title` in the user's language, from its kind; the server's text for a kind we do not know. */
export function problemTitle(problem: Problem): string {
  const key = `problemTitles.${kindOf(problem)}`;
  return i18n.exists(key) ? i18n.t(key as never) : problem.title;
}
