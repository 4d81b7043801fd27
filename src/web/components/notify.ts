import { notifications } from "@mantine/notifications";
import { isApiError } from "@web/api/api-client";
import { i18n } from "@web/i18n/i18n";
import { errorMessage } from "./error-message";
import { problemTitle } from "./server-message";

export function notifySuccess(message: string): void {
  notifications.show({ message, color: "teal" });
}

/** Shows a failed request as a notification, with the server's `detail` when there is one. */
export function notifyError(error: unknown, extraLines: string[] = []): void {
  const title =
    isApiError(error) && error.problem.detail ? problemTitle(error.problem) : i18n.t("errors.title");
  const message = [errorMessage(error), ...extraLines].join("\n");
  notifications.show({ color: "red", title, message, style: { whiteSpace: "pre-line" } });
}
