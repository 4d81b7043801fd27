import type { Actor } from "@server/access/permission-gate";
import type { Db } from "@server/db/client";

/** What every service function receives: the database, who acts, and the request id for the audit log. */
export interface ServiceContext {
  db: Db;
  actor: Actor;
  requestId: string;
}
