import createClient, { type Client } from "openapi-fetch";
import type { paths } from "./schema";

export type { components, operations, paths, webhooks } from "./schema";

/** A typed client of one Leadwerk installation: paths, parameters, bodies and answers as the API documents them. */
export type LeadwerkClient = Client<paths>;

/**
 * A client that calls `baseUrl` (e.g. https://crm.example.de, without /api/v1) with an API token
 * (Settings → API tokens, or POST /api/v1/tokens). Every call answers `{ data }` or `{ error }`, the
 * error being the API's problem+json body.
 */
export function createLeadwerkClient(baseUrl: string, token: string): LeadwerkClient {
  return createClient<paths>({
    baseUrl: baseUrl.replace(/\/+$/, ""),
    headers: { Authorization: `Bearer ${token}` },
  });
}
