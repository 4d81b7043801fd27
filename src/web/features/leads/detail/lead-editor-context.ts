import type { showFormError } from "@web/components/form-errors";
import { createContext, use } from "react";
import type { Lead } from "../lead-model";
import type { UpdateLeadRequest } from "../leads-api";

type FormLike = Parameters<typeof showFormError>[0];

export interface LeadEditor {
  lead: Lead;
  /** A converted lead takes activities and notes only. */
  readOnly: boolean;
  /** PATCHes the lead with the version last read; rejects with the API error. */
  save: (body: Omit<UpdateLeadRequest, "version">) => Promise<Lead>;
  /**
   * Shows a failed save: a stale version as the page's reload banner, field errors beside the form's
   * inputs (input kept), anything else as a notification.
   */
  fail: (error: unknown, form?: FormLike) => void;
}

export const LeadEditorContext = createContext<LeadEditor | null>(null);

export function useLeadEditor(): LeadEditor {
  const editor = use(LeadEditorContext);
  if (!editor) throw new Error("useLeadEditor is only available inside the lead detail page");
  return editor;
}
