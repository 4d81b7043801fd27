import { problemResponses } from "@server/plugins/openapi";
import { idParams, listResponse } from "@shared/schemas/common";
import {
  changeCustomFieldTypeBody,
  createCustomFieldBody,
  customFieldListQuery,
  customFieldSchema,
  customFieldTypeChangeSchema,
  updateCustomFieldBody,
} from "@shared/schemas/custom-field";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { changeCustomFieldType } from "./change-custom-field-type";
import * as fields from "./custom-field.service";

/** Settings → Custom fields (issue #20, API.md `/api/v1/custom-fields`): everyone reads, admins write. */
export function customFieldRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Custom fields"];
  r.get(
    "/custom-fields",
    {
      schema: {
        tags,
        summary: "The custom fields of one or every entity, in form order (deleted ones: admin)",
        querystring: customFieldListQuery,
        response: { 200: listResponse(customFieldSchema), ...problemResponses },
      },
    },
    async (request) => fields.listCustomFields(request.ctx(), request.query),
  );
  r.post(
    "/custom-fields",
    {
      schema: {
        tags,
        summary: "Define a custom field (admin); its key is unique per entity and never changes",
        body: createCustomFieldBody,
        response: { 201: customFieldSchema, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await fields.createCustomField(request.ctx(), request.body)),
  );
  r.get(
    "/custom-fields/:id",
    {
      schema: {
        tags,
        summary: "One custom field",
        params: idParams,
        response: { 200: customFieldSchema, ...problemResponses },
      },
    },
    async (request) => fields.getCustomField(request.ctx(), request.params.id),
  );
  r.patch(
    "/custom-fields/:id",
    {
      schema: {
        tags,
        summary: "Change labels, options, required, help, position or filterable (admin)",
        params: idParams,
        body: updateCustomFieldBody,
        response: { 200: customFieldSchema, ...problemResponses },
      },
    },
    async (request) => fields.updateCustomField(request.ctx(), request.params.id, request.body),
  );
  r.delete(
    "/custom-fields/:id",
    {
      schema: {
        tags,
        summary: "Delete a custom field (admin); its values stay in the records until purged",
        params: idParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await fields.deleteCustomField(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    },
  );
  r.post(
    "/custom-fields/:id/restore",
    {
      schema: {
        tags,
        summary: "Bring a deleted custom field back with its values (admin)",
        params: idParams,
        response: { 200: customFieldSchema, ...problemResponses },
      },
    },
    async (request) => fields.restoreCustomField(request.ctx(), request.params.id),
  );
  r.post(
    "/custom-fields/:id/purge",
    {
      schema: {
        tags,
        summary: "Remove a deleted field's values from every record and free its key (admin)",
        params: idParams,
        response: { 200: z.object({ purged: z.number().int() }), ...problemResponses },
      },
    },
    async (request) => fields.purgeCustomField(request.ctx(), request.params.id),
  );
  r.post(
    "/custom-fields/:id/type",
    {
      schema: {
        tags,
        summary:
          "Change a field's type (admin): the stored values convert in one transaction, or 422 names the records that would not (`dryRun` only counts)",
        params: idParams,
        body: changeCustomFieldTypeBody,
        response: { 200: customFieldTypeChangeSchema, ...problemResponses },
      },
    },
    async (request) => changeCustomFieldType(request.ctx(), request.params.id, request.body),
  );
}
