import { field, invalidInput } from "@server/errors";
import { message } from "@shared/message-codes";
import { nulCharacterPath } from "@shared/nul-character";
import type { FastifyInstance } from "fastify";

/**
 * Refuses a NUL character anywhere in the query, the path parameters or a JSON body with a 400 naming
 * the field, for every route at once, before validation and long before the database would fail on it.
 * A raw text body (the .vcf import) is its route's to read: one bad card must not spoil the others.
 */
export function registerNulGuard(app: FastifyInstance) {
  app.addHook("preValidation", async (request) => {
    const parts = [
      ["query", request.query],
      ["params", request.params],
      ["body", request.body],
    ] as const;
    for (const [part, value] of parts) {
      if (typeof value !== "object" || value === null) continue;
      const path = nulCharacterPath(value);
      if (path !== null) {
        throw invalidInput(message("request_invalid_field", { part }), [
          field(path || part, "nul_character"),
        ]);
      }
    }
  });
}
