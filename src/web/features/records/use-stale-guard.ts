import { isApiError } from "@web/api/api-client";
import { showFormError } from "@web/components/form-errors";
import { notifyError } from "@web/components/notify";
import { useCallback, useState } from "react";

export type FormLike = Parameters<typeof showFormError>[0];

/**
 * How a record page handles a failed edit: a stale version (409) shows the page's reload banner,
 * field errors go beside the inputs of the form, anything else to a notification.
 */
export function useStaleGuard() {
  const [stale, setStale] = useState(false);
  const fail = useCallback((error: unknown, form?: FormLike) => {
    if (isApiError(error, 409)) setStale(true);
    else if (form) showFormError(form, error);
    else notifyError(error);
  }, []);
  const resolved = useCallback(() => setStale(false), []);
  return { stale, fail, resolved };
}
