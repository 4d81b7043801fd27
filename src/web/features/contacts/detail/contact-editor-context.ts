import type { showFormError } from "@web/components/form-errors";
import { createContext, use } from "react";
import type { Contact, UpdateContactRequest } from "../contacts-api";

type FormLike = Parameters<typeof showFormError>[0];

export interface ContactEditor {
  contact: Contact;
  /** PATCHes the contact with the version last read; rejects with the API error. */
  save: (body: Omit<UpdateContactRequest, "version">) => Promise<Contact>;
  /** A stale version shows the page's reload banner; field errors go beside the inputs. */
  fail: (error: unknown, form?: FormLike) => void;
}

export const ContactEditorContext = createContext<ContactEditor | null>(null);

export function useContactEditor(): ContactEditor {
  const editor = use(ContactEditorContext);
  if (!editor) throw new Error("useContactEditor is only available inside the contact page");
  return editor;
}
