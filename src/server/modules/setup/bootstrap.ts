import type { Db } from "@server/db/client";
import { AppError } from "@server/errors";
import { ensureDefaultPipeline } from "@server/modules/pipelines/default-pipeline";
import { createFirstAdmin, needsSetup } from "./setup.service";

/** LEADWERK_ADMIN_EMAIL/PASSWORD create the first admin on an empty database; otherwise the UI asks. */
export async function bootstrapFirstAdmin(db: Db, firstAdmin: { email: string; password: string } | null) {
  // A database set up before pipelines existed gets its default pipeline now.
  await ensureDefaultPipeline(db);
  if (!firstAdmin || !(await needsSetup(db))) return;
  try {
    await createFirstAdmin(db, { email: firstAdmin.email, name: "Admin", password: firstAdmin.password });
  } catch (error) {
    // Another app process starting at the same moment won the race: fine.
    if (!(error instanceof AppError && error.code === "conflict")) throw error;
  }
}
