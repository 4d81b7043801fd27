import type { Actor } from "@server/access/permission-gate";
import type { Db } from "@server/db/client";
import type { CustomFieldDefinition, CustomFieldEntity } from "@shared/schemas/custom-field";

/**
 * The live custom field definitions of one entity, as an app keeps them in memory
 * (modules/custom-fields/custom-field-store.ts). Never awaits a read: a caller may hold PGlite's only
 * connection in a transaction.
 */
export interface CustomFieldSource {
  definitions(entity: CustomFieldEntity): Promise<readonly CustomFieldDefinition[]>;
  /** Reads them again now (after this process changed them). */
  reload(): Promise<void>;
}

/** What every service function receives: the database, who acts, and the request id for the audit log. */
export interface ServiceContext {
  db: Db;
  actor: Actor;
  requestId: string;
  /** The app's cached custom field definitions; without it (jobs, scripts) a write reads them. */
  customFields?: CustomFieldSource;
}
