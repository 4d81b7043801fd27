import { notFound, ruleViolation } from "@server/errors";
import { problemResponses } from "@server/plugins/openapi";
import { idParams } from "@shared/schemas/common";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as calendar from "./calendar.service";

const feedStatusSchema = z.object({ active: z.boolean(), createdAt: z.string().nullable() });
const feedCreatedSchema = z.object({
  token: z.string().describe("Shown only now; the server keeps its SHA-256"),
  path: z.string().describe("The feed's path; prefix the app's address"),
  createdAt: z.string(),
});
/** The feed is public (calendar programs cannot log in), so it is rate-limited per client. */
const FEED_RATE_LIMIT = { max: 60, timeWindow: "1 minute" };

/** A safe file name for Content-Disposition: letters, digits and a few marks only. */
const fileName = (subject: string) =>
  `${
    subject
      .normalize("NFKD")
      .replace(/[^\w .-]+/g, "")
      .trim()
      .slice(0, 60) || "appointment"
  }.ics`;

export function calendarRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Calendar"];
  r.get(
    "/activities/:id/ics",
    {
      schema: {
        tags,
        summary: "One meeting, call or task as iCalendar (a VEVENT; tasks at their due time)",
        params: idParams,
      },
    },
    async (request, reply) => {
      const result = await calendar.activityIcs(request.ctx(), request.params.id);
      if (!result.hasTime) throw ruleViolation("activity_no_time");
      return reply
        .type("text/calendar; charset=utf-8")
        .header("content-disposition", `attachment; filename="${fileName(result.subject)}"`)
        .send(result.ics);
    },
  );
  r.get(
    "/calendar/feed",
    {
      schema: {
        tags,
        summary: "Whether the caller has a private calendar feed",
        response: { 200: feedStatusSchema, ...problemResponses },
      },
    },
    async (request) => calendar.feedStatus(request.ctx()),
  );
  r.post(
    "/calendar/feed",
    {
      schema: {
        tags,
        summary: "Create or replace the caller's private feed URL (the old one stops working)",
        response: { 201: feedCreatedSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await calendar.rotateFeed(request.ctx())),
  );
  r.delete(
    "/calendar/feed",
    {
      schema: {
        tags,
        summary: "Revoke the caller's feed URL",
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await calendar.revokeFeed(request.ctx());
      return reply.code(204).send(null);
    },
  );
  r.get(
    "/calendar/:file",
    {
      config: { public: true, rateLimit: FEED_RATE_LIMIT },
      schema: {
        tags,
        summary:
          "A user's private iCalendar feed: GET /calendar/{feedToken}.ics (no login; the token is the key)",
        params: z.strictObject({ file: z.string().max(200) }),
      },
    },
    async (request, reply) => {
      const match = /^([\w-]{20,100})\.ics$/.exec(request.params.file);
      if (!match?.[1]) throw notFound("calendar_feed_not_found");
      const ics = await calendar.feedIcs(request.server.database.db, match[1]);
      return reply
        .type("text/calendar; charset=utf-8")
        .header("cache-control", "private, max-age=300")
        .send(ics);
    },
  );
}
