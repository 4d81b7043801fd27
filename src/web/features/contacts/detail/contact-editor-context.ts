import type { RecordEditor } from "@web/features/records/edit-form";
import { createContext, use } from "react";
import type { Contact, UpdateContactRequest } from "../contacts-api";

export interface ContactEditor extends RecordEditor<Contact, UpdateContactRequest> {
  contact: Contact;
}

export const ContactEditorContext = createContext<ContactEditor | null>(null);

export function useContactEditor(): ContactEditor {
  const editor = use(ContactEditorContext);
  if (!editor) throw new Error("useContactEditor is only available inside the contact page");
  return editor;
}
