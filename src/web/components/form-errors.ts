import type { FormErrors } from "@mantine/form";
import { isApiError } from "@web/api/api-client";
import type { Dispatch, SetStateAction } from "react";
import { notifyError } from "./notify";
import { serverMessage } from "./server-message";

interface FormLike {
  getValues: () => object;
  setErrors: Dispatch<SetStateAction<FormErrors>>;
}

function hasPath(values: object, path: string): boolean {
  let current: unknown = values;
  for (const segment of path.split(".")) {
    if (typeof current !== "object" || current === null || !(segment in current)) return false;
    current = (current as Record<string, unknown>)[segment];
  }
  return true;
}

/**
 * Puts a failed submit's field errors (problem+json `errors[].path`) beside the matching inputs and
 * leaves the user's input untouched; anything that fits no field goes to a notification.
 */
export function showFormError(form: FormLike, error: unknown): void {
  if (!isApiError(error)) {
    notifyError(error);
    return;
  }
  const values = form.getValues();
  const fieldErrors: FormErrors = {};
  const unmatched: string[] = [];
  for (const item of error.problem.errors ?? []) {
    const { path } = item;
    const message = serverMessage(item);
    if (hasPath(values, path)) fieldErrors[path] = message;
    else unmatched.push(message);
  }
  if (Object.keys(fieldErrors).length > 0) form.setErrors((current) => ({ ...current, ...fieldErrors }));
  if (Object.keys(fieldErrors).length === 0 || unmatched.length > 0) notifyError(error, unmatched);
}
