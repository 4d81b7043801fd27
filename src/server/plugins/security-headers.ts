import helmet from "@fastify/helmet";
import type { AppConfig } from "@server/config";
import type { FastifyInstance } from "fastify";

/**
 * The Content-Security-Policy of the web UI and the API (issue #14). Scripts only from our origin,
 * no eval, no inline script, no framing. Styles also allow 'unsafe-inline': Mantine writes its CSS
 * variables into a <style> element at run time and Mantine and FullCalendar set style attributes;
 * an injected style can restyle the page but runs nothing. Swagger UI (/api/docs) sends its own
 * policy with the hashes of its inline scripts (`swaggerUiCsp` in openapi.ts).
 */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  // Leadwerk also runs on plain http in a LAN: upgrading its requests to https would break it.
  upgradeInsecureRequests: null,
};

/**
 * Security headers on every answer (@fastify/helmet): the CSP above, nosniff, no framing
 * (frame-ancestors and X-Frame-Options), no referrer, same-origin opener and resources, and HSTS
 * only when the app is reached over https (LEADWERK_PUBLIC_URL).
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: AppConfig) {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP_DIRECTIVES },
    frameguard: { action: "deny" },
    referrerPolicy: { policy: "no-referrer" },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
}
