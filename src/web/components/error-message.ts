import { isApiError } from "@web/api/api-client";
import { i18n } from "@web/i18n/i18n";
import { problemDetail, problemTitle } from "./server-message";

/** One sentence for the user about a failed request, preferring the server's own `detail` (translated). */
export function errorMessage(error: unknown): string {
  if (isApiError(error)) {
    const detail = problemDetail(error.problem);
    if (detail) return detail;
    // A gateway answering for a server that is down or restarting.
    if (error.status >= 502 && error.status <= 504) return i18n.t("errors.network");
    return error.problem.title ? problemTitle(error.problem) : i18n.t("errors.unexpected");
  }
  // fetch rejects with a TypeError when the server cannot be reached at all.
  return i18n.t(error instanceof TypeError ? "errors.network" : "errors.unexpected");
}
