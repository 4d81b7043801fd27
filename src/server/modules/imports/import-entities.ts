import type { ImportEntity } from "@shared/schemas/import";
import { COMPANY_IMPORT } from "./company-import";
import { CONTACT_IMPORT } from "./contact-import";
import { DEAL_IMPORT } from "./deal-import";
import type { RecordEntity, RecordImportSpec } from "./record-import";

/**
 * The import's entities (issue #17). Leads go through the intake pipeline (lead-import.ts), as forms
 * and mail do; contacts, companies and deals through their own create and change services, each
 * lending the shared steps (record-import.ts) its reading, matching and writing.
 */
export const RECORD_IMPORTS: Record<RecordEntity, RecordImportSpec> = {
  contact: CONTACT_IMPORT,
  company: COMPANY_IMPORT,
  deal: DEAL_IMPORT,
};

export function recordImportOf(entity: ImportEntity): RecordImportSpec | null {
  return entity === "lead" ? null : RECORD_IMPORTS[entity];
}
