import { withIfMatch } from "@server/http/if-match";
import { problemResponses } from "@server/plugins/openapi";
import { idParams } from "@shared/schemas/common";
import { createFormSchema, formListSchema, formSchema, updateFormSchema } from "@shared/schemas/form";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as forms from "./form.service";

const listQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
});

/** Web-to-lead forms (admins and marketing: `form.manage`). */
export function formRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Forms"];
  r.get(
    "/forms",
    {
      schema: {
        tags,
        summary: "Web forms by name, with submission counts and the last submission",
        querystring: listQuery,
        response: { 200: formListSchema, ...problemResponses },
      },
    },
    async (request) => forms.listForms(request.ctx(), request.query),
  );
  r.get(
    "/forms/:id",
    {
      schema: {
        tags,
        summary: "One web form",
        params: idParams,
        response: { 200: formSchema, ...problemResponses },
      },
    },
    async (request) => forms.getForm(request.ctx(), request.params.id),
  );
  r.post(
    "/forms",
    {
      schema: {
        tags,
        summary: "Create a web form (its public key is made here)",
        body: createFormSchema,
        response: { 201: formSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await forms.createForm(request.ctx(), request.body)),
  );
  r.patch(
    "/forms/:id",
    {
      schema: {
        tags,
        summary: "Change a web form (If-Match or version: 409 when changed meanwhile)",
        params: idParams,
        body: updateFormSchema,
        response: { 200: formSchema, ...problemResponses },
      },
    },
    async (request) =>
      forms.updateForm(
        request.ctx(),
        request.params.id,
        withIfMatch(request.headers["if-match"], request.body),
      ),
  );
  r.delete(
    "/forms/:id",
    {
      schema: {
        tags,
        summary: "Delete a web form (its URL answers 404 afterwards; its leads stay)",
        params: idParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await forms.deleteForm(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    },
  );
}
