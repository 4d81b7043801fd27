import { useCallback } from "react";

/**
 * A ref for an inline form that the user just opened (outside a modal, whose focus trap does this):
 * focuses its element marked data-autofocus, so keyboard users land in the form.
 */
export function useInitialFocus<T extends HTMLElement>() {
  return useCallback((node: T | null) => {
    node?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, []);
}
