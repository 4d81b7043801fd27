/**
 * `npm run client:generate`: writes packages/client/src/schema.d.ts from the OpenAPI document of a
 * booted app (no port, an in-memory database). src/server/openapi/client-drift.test.ts fails when the
 * committed file differs from what this writes.
 */
import { writeFile } from "node:fs/promises";
import { schemaSource } from "../packages/client/generate.mjs";
import { openApiDocument } from "./openapi-document";

const target = "packages/client/src/schema.d.ts";
const document = await openApiDocument();
await writeFile(target, await schemaSource(document));
console.log(`Wrote ${target} from the OpenAPI document (${Object.keys(document.paths ?? {}).length} paths).`);
