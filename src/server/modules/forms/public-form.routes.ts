import { UTM_KEYS } from "@domain/intake/intake-types";
import { negotiate } from "@fastify/accept-negotiator";
import {
  AppError,
  badRequest,
  type FieldError,
  invalidInput,
  payloadTooLarge,
  ruleViolation,
} from "@server/errors";
import { publishAll } from "@server/live/publish";
import { message } from "@shared/message-codes";
import type { WebForm } from "@shared/schemas/form";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { confirmConsent } from "./double-opt-in";
import type { FormRow } from "./form.repository";
import { formSecret, startToken } from "./form-secret";
import {
  EMBED_JS,
  FORM_CSS,
  FRAME_JS,
  type PageForm,
  renderFormPage,
  renderMessagePage,
  renderThanksPage,
} from "./hosted-page";
import { errorText, PAGE_TEXTS } from "./hosted-page-texts";
import { CONSENT, FormRateLimitedError, type Lang, publicForm, submitForm } from "./submit-form.service";

/** A submission is a few fields: 64 KiB is generous, and anything larger is refused before parsing. */
export const FORM_BODY_LIMIT = 64 * 1024;

const keyParams = z.object({ key: z.string().min(1).max(64) });
const utmQuery = Object.fromEntries(UTM_KEYS.map((k) => [k, z.string().max(200).optional()])) as Record<
  (typeof UTM_KEYS)[number],
  z.ZodOptional<z.ZodString>
>;
// Loose on purpose: a landing page's URL carries whatever its ad network adds (gclid, fbclid, …).
const pageQuery = z.object({
  lang: z.enum(["de", "en"]).optional(),
  embed: z.string().max(5).optional(),
  ...utmQuery,
});

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });

/** JSON or form-encoded, strictly UTF-8: invalid bytes are a 400, never a 500 or a silent U+FFFD. */
function parseBody(contentType: string, raw: Buffer): Record<string, unknown> {
  let text: string;
  try {
    text = strictUtf8.decode(raw);
  } catch {
    throw badRequest("body_not_utf8");
  }
  if (contentType.startsWith("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw badRequest("form_body_invalid");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw badRequest("form_body_invalid");
    return parsed as Record<string, unknown>;
  }
  const body: Record<string, unknown> = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = body[key];
    body[key] = existing === undefined ? value : [existing, value].flat();
  }
  // URLSearchParams turns a percent-encoded invalid sequence (%FF) into U+FFFD; refuse it instead.
  for (const part of text.split("&")) {
    try {
      decodeURIComponent(part.replaceAll("+", " "));
    } catch {
      throw badRequest("body_not_utf8");
    }
  }
  return body;
}

function langOf(request: FastifyRequest, asked: Lang | undefined): Lang {
  if (asked) return asked;
  const header = request.headers["accept-language"];
  return (header ? negotiate(header, ["de", "en"]) : null) === "en" ? "en" : "de";
}

const pageForm = (form: FormRow): PageForm => ({
  key: form.key,
  name: form.name,
  fields: form.fields as WebForm["fields"],
  consentText: form.consentText as WebForm["consentText"],
  policyVersion: form.policyVersion,
  thankYouText: form.thankYouText as WebForm["thankYouText"],
});

const sameOrigin = (request: FastifyRequest) => `${request.protocol}://${request.host}`;

/**
 * The hosted page's own policy: only our styles and scripts, posts to us (and the redirect's site),
 * framed only by the form's allowed origins; a same-origin referrer so its POST carries an Origin.
 */
function pageHeaders(reply: FastifyReply, form: FormRow | null) {
  const ancestors = form?.allowedOrigins.length ? `'self' ${form.allowedOrigins.join(" ")}` : "'self'";
  const redirect = form?.redirectUrl ? ` ${new URL(form.redirectUrl).origin}` : "";
  reply
    .header(
      "content-security-policy",
      `default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'${redirect}; frame-ancestors ${ancestors}`,
    )
    .header("referrer-policy", "same-origin")
    .header("cache-control", "no-store")
    .removeHeader("x-frame-options")
    .type("text/html; charset=utf-8");
}

function originAllowed(request: FastifyRequest, form: FormRow, allowNull: boolean): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (origin === "null") return allowNull;
  return origin === sameOrigin(request) || form.allowedOrigins.includes(origin);
}

function cors(request: FastifyRequest, reply: FastifyReply, form: FormRow) {
  const origin = request.headers.origin;
  reply.header("vary", "Origin");
  if (origin && form.allowedOrigins.includes(origin)) {
    reply
      .header("access-control-allow-origin", origin)
      .header("access-control-allow-methods", "GET, POST")
      .header("access-control-allow-headers", "content-type, idempotency-key")
      .header("access-control-max-age", "600");
  }
}

/**
 * The public side of web forms, no login: the hosted page `/f/{key}` (and its stylesheet, frame and
 * embed scripts), and `POST /api/v1/public/forms/{key}` for JSON or form-encoded submissions.
 * Registered in a scope of its own for its body parser (UTF-8 checked, 64 KiB).
 */
export async function publicFormRoutes(app: FastifyInstance): Promise<void> {
  await app.register((scope, _options, done) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      ["application/json", "application/x-www-form-urlencoded"],
      { parseAs: "buffer", bodyLimit: FORM_BODY_LIMIT },
      (request, raw, done) => {
        try {
          done(null, parseBody(request.headers["content-type"] ?? "", raw as Buffer));
        } catch (error) {
          done(error as Error, undefined);
        }
      },
    );
    scope.addHook("preParsing", async (request) => {
      if (Number(request.headers["content-length"] ?? 0) > FORM_BODY_LIMIT)
        throw payloadTooLarge("form_body_too_large", { limit: FORM_BODY_LIMIT });
    });
    const r = scope.withTypeProvider<ZodTypeProvider>();
    const config = { public: true, csrf: false };
    const db = app.database.db;

    const asset = (path: string, type: string, body: string) =>
      r.get(path, { config, schema: { hide: true } }, async (_request, reply) =>
        reply
          .header("cache-control", "public, max-age=300")
          .header("cross-origin-resource-policy", "cross-origin")
          .type(type)
          .send(body),
      );
    asset("/f/form.css", "text/css; charset=utf-8", FORM_CSS);
    asset("/f/frame.js", "text/javascript; charset=utf-8", FRAME_JS);
    asset("/f/embed.js", "text/javascript; charset=utf-8", EMBED_JS);

    r.get(
      "/f/:key",
      { config, schema: { hide: true, params: keyParams, querystring: pageQuery } },
      async (request, reply) => {
        const lang = langOf(request, request.query.lang);
        const embed = request.query.embed === "1";
        let form: FormRow;
        try {
          form = await publicForm(db, request.params.key);
        } catch (error) {
          return sendPageError(reply, error, lang, embed);
        }
        pageHeaders(reply, form);
        const utm: Record<string, string> = {};
        for (const key of UTM_KEYS) {
          const value = request.query[key];
          if (value) utm[key] = value;
        }
        return reply.send(
          renderFormPage(pageForm(form), {
            lang,
            embed,
            token: startToken(await formSecret(db), form.id),
            utm,
          }),
        );
      },
    );

    // The double opt-in link from the confirmation mail.
    r.get(
      "/f/confirm/:token",
      {
        config,
        schema: {
          hide: true,
          params: z.object({ token: z.string().min(1).max(200) }),
          querystring: pageQuery,
        },
      },
      async (request, reply) => {
        const lang = langOf(request, request.query.lang);
        const confirmed = await confirmConsent(db, request.params.token);
        pageHeaders(reply, null);
        if (!confirmed)
          return reply.code(404).send(renderMessagePage(lang, PAGE_TEXTS[lang].confirmUnknown, false));
        return reply.send(renderMessagePage(lang, PAGE_TEXTS[lang].confirmed, false));
      },
    );

    r.get(
      "/f/:key/thanks",
      { config, schema: { hide: true, params: keyParams, querystring: pageQuery } },
      async (request, reply) => {
        const lang = langOf(request, request.query.lang);
        const embed = request.query.embed === "1";
        try {
          const form = await publicForm(db, request.params.key);
          pageHeaders(reply, form);
          return reply.send(renderThanksPage(pageForm(form), lang, embed));
        } catch (error) {
          return sendPageError(reply, error, lang, embed);
        }
      },
    );

    // The hosted page posts here: answers are pages (errors beside the fields, or the thank-you page).
    r.post(
      "/f/:key",
      {
        config,
        bodyLimit: FORM_BODY_LIMIT,
        schema: { hide: true, params: keyParams, querystring: pageQuery },
      },
      async (request, reply) => {
        const lang = langOf(request, request.query.lang);
        const embed = request.query.embed === "1";
        let form: FormRow;
        try {
          form = await publicForm(db, request.params.key);
        } catch (error) {
          return sendPageError(reply, error, lang, embed);
        }
        pageHeaders(reply, form);
        const body = (request.body ?? {}) as Record<string, unknown>;
        if (!originAllowed(request, form, true)) throw ruleViolation("form_origin_not_allowed");
        const rerender = async (state: {
          values: Record<string, string>;
          errors?: FieldError[];
          notice?: string;
        }) =>
          renderFormPage(pageForm(form), {
            lang,
            embed,
            token: startToken(await formSecret(db), form.id),
            values: state.values,
            errors: state.errors,
            notice: state.notice,
            utm: utmOf(body),
            consentChecked: body[CONSENT] === "on",
          });
        try {
          const outcome = await submitForm(db, {
            form,
            body,
            ip: request.ip,
            idempotencyKey: headerValue(request.headers["idempotency-key"]),
            lang,
            requestId: request.id,
            baseUrl: sameOrigin(request),
          });
          if (outcome.kind === "invalid")
            return reply.code(400).send(await rerender({ values: outcome.values, errors: outcome.errors }));
          if (outcome.kind === "too_fast")
            return reply
              .code(200)
              .send(await rerender({ values: outcome.values, notice: errorText(lang, "form_too_fast") }));
          await publishAll(app, outcome.live);
          app.jobs.wake(); // a double opt-in mail waits in the outbox
          const thanks = `/f/${encodeURIComponent(form.key)}/thanks?${new URLSearchParams({ lang, ...(embed ? { embed: "1" } : {}) })}`;
          return reply
            .code(303)
            .header("location", form.redirectUrl ?? thanks)
            .send("");
        } catch (error) {
          if (error instanceof FormRateLimitedError) {
            reply.header("retry-after", String(error.retryAfterSeconds));
            return reply.code(429).send(
              await rerender({
                values: {},
                notice: errorText(lang, "form_rate_limited", { seconds: error.retryAfterSeconds }),
              }),
            );
          }
          throw error;
        }
      },
    );

    const api = "/api/v1/public/forms/:key";
    r.options(api, { config, schema: { hide: true, params: keyParams } }, async (request, reply) => {
      const form = await publicForm(db, request.params.key);
      cors(request, reply, form);
      return reply.code(204).send();
    });
    r.get(
      api,
      {
        config,
        schema: {
          tags: ["Public"],
          summary:
            "A form's fields and a start token (send it back as lw_t: the minimum fill time counts from here)",
          params: keyParams,
          querystring: z.object({ lang: z.enum(["de", "en"]).optional() }),
        },
      },
      async (request, reply) => {
        const form = await publicForm(db, request.params.key);
        cors(request, reply, form);
        return {
          key: form.key,
          name: form.name,
          fields: form.fields,
          consentText: form.consentText,
          policyVersion: form.policyVersion,
          startToken: startToken(await formSecret(db), form.id),
        };
      },
    );
    r.post(
      api,
      {
        config,
        bodyLimit: FORM_BODY_LIMIT,
        schema: {
          tags: ["Public"],
          summary:
            "Submit a web form (JSON or form-encoded). 201 { status: received } whatever the pipeline decided; a repeated Idempotency-Key answers the first answer",
          params: keyParams,
        },
      },
      async (request, reply) => {
        const form = await publicForm(db, request.params.key);
        cors(request, reply, form);
        if (!originAllowed(request, form, false)) throw ruleViolation("form_origin_not_allowed");
        const lang: Lang =
          request.body && (request.body as Record<string, unknown>).lang === "en"
            ? "en"
            : langOf(request, undefined);
        try {
          const outcome = await submitForm(db, {
            form,
            body: (request.body ?? {}) as Record<string, unknown>,
            ip: request.ip,
            idempotencyKey: headerValue(request.headers["idempotency-key"]),
            lang,
            requestId: request.id,
            baseUrl: sameOrigin(request),
          });
          if (outcome.kind === "invalid")
            throw invalidInput(message("request_invalid_fields", { part: "body" }), outcome.errors);
          if (outcome.kind === "too_fast") throw ruleViolation("form_too_fast");
          await publishAll(app, outcome.live);
          app.jobs.wake(); // a double opt-in mail waits in the outbox
          return reply.code(201).send({ status: "received" });
        } catch (error) {
          if (error instanceof FormRateLimitedError)
            reply.header("retry-after", String(error.retryAfterSeconds));
          throw error;
        }
      },
    );
    done();
  });
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  return v && v.length <= 200 ? v : undefined;
}

function utmOf(body: Record<string, unknown>): Record<string, string> {
  const utm: Record<string, string> = {};
  for (const key of UTM_KEYS) {
    const value = body[key];
    if (typeof value === "string" && value) utm[key] = value.slice(0, 200);
  }
  return utm;
}

function sendPageError(reply: FastifyReply, error: unknown, lang: Lang, embed: boolean) {
  if (!(error instanceof AppError) || (error.status !== 404 && error.status !== 410)) throw error;
  pageHeaders(reply, null);
  const text = error.status === 404 ? PAGE_TEXTS[lang].notFound : PAGE_TEXTS[lang].inactive;
  return reply.code(error.status).send(renderMessagePage(lang, text, embed));
}
