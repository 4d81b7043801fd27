import { useCallback, useEffect, useRef } from "react";

/** How many animation frames to wait for the error to render (or a collapsed section to open). */
const MAX_FRAMES = 30;

const isShown = (element: HTMLElement) =>
  typeof element.checkVisibility === "function" ? element.checkVisibility() : element.offsetParent !== null;

/**
 * Brings the first field that shows an error into view and focuses it (issue #15 point 4). Mantine
 * marks an input with an error aria-invalid; the first in the form's order is the one highest up. It
 * waits a few frames, because a server's answer renders after the call and a collapsed section may
 * still be opening.
 */
export function focusFirstError(form: HTMLElement | null) {
  let frames = 0;
  const attempt = () => {
    const invalid = [...(form?.querySelectorAll<HTMLElement>('[aria-invalid="true"]') ?? [])];
    const field = invalid.find(isShown);
    if (!field) {
      if (++frames < MAX_FRAMES) requestAnimationFrame(attempt);
      return;
    }
    // Centred, so a sticky footer (FormActions) or a modal's header does not cover it.
    field.scrollIntoView({ block: "center" });
    field.focus({ preventScroll: true });
  };
  requestAnimationFrame(attempt);
}

interface FormState {
  errors: Record<string, unknown>;
  submitting: boolean;
}

/**
 * Focuses the first invalid field after a failed save, whether the form's own validation refused it
 * or the server answered 400/422 with field errors (showFormError puts those beside the inputs).
 * Usage: `const errorFocus = useErrorFocus(form)`, then
 * `<form ref={errorFocus.ref} onSubmitCapture={errorFocus.arm} onSubmit={submit}>`. Only errors that
 * follow a submit move the focus, not those shown while the user types.
 */
export function useErrorFocus(form: FormState) {
  const ref = useRef<HTMLFormElement>(null);
  const armed = useRef(false);
  const wasSubmitting = useRef(false);
  const { errors, submitting } = form;
  // Runs on each new errors object too: a second failed submit with the same errors focuses again.
  useEffect(() => {
    if (armed.current && Object.keys(errors).length > 0) {
      armed.current = false;
      focusFirstError(ref.current);
    } else if (armed.current && wasSubmitting.current && !submitting) {
      // Saved without a field error: nothing to show.
      armed.current = false;
    }
    wasSubmitting.current = submitting;
  }, [errors, submitting]);
  const arm = useCallback(() => {
    armed.current = true;
  }, []);
  return { ref, arm };
}
