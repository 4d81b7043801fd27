import type { showFormError } from "@web/components/form-errors";
import { createContext, use } from "react";
import type { Deal, UpdateDealRequest } from "../deals-api";

type FormLike = Parameters<typeof showFormError>[0];

export interface DealEditor {
  deal: Deal;
  /** PATCHes the deal with the version last read; rejects with the API error. */
  save: (body: Omit<UpdateDealRequest, "version">) => Promise<Deal>;
  /** Moves the deal to another stage of its pipeline (with the version last read). */
  move: (stageId: string) => Promise<Deal>;
  /**
   * Shows a failed save: a stale version as the page's reload banner, field errors beside the form's
   * inputs (input kept), anything else as a notification.
   */
  fail: (error: unknown, form?: FormLike) => void;
}

export const DealEditorContext = createContext<DealEditor | null>(null);

export function useDealEditor(): DealEditor {
  const editor = use(DealEditorContext);
  if (!editor) throw new Error("useDealEditor is only available inside the deal detail page");
  return editor;
}
