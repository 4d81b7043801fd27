import { unsupportedMediaType } from "@server/errors";
import { withIfMatch } from "@server/http/if-match";
import { pickFields } from "@server/http/sparse-fields";
import { gatherCustomFieldParams } from "@server/modules/custom-fields/custom-field-query";
import { asListQuery, sendSyncPage, syncFromList } from "@server/modules/sync/sync.routes";
import { recordTimeline } from "@server/modules/timeline/timeline.service";
import { problemResponses } from "@server/plugins/openapi";
import { idParams } from "@shared/schemas/common";
import {
  contactListQuery,
  contactSchema,
  contactSparseListItemSchema,
  createContactBody,
  updateContactBody,
} from "@shared/schemas/contact";
import {
  contactDuplicateSchema,
  contactMatchQuery,
  contactMergeBody,
  contactMergeResult,
} from "@shared/schemas/duplicates-merge";
import { bulkResultSchema } from "@shared/schemas/lead";
import { listCountSchema } from "@shared/schemas/list-count";
import { bulkRecordBody } from "@shared/schemas/record-bulk";
import { listOrSyncPage } from "@shared/schemas/sync";
import { timelineQuery, timelineResponse } from "@shared/schemas/timeline";
import { vcardImportResult } from "@shared/schemas/vcard";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import * as contacts from "./contact.service";
import { findContactDuplicates, findContactMatches } from "./contact-duplicates.service";
import { bulkUpdateContacts, countContacts } from "./contact-list.service";
import { getContactOrSurvivor, mergeContacts } from "./contact-merge.service";
import { exportContactVcard, importContactVcards } from "./contact-vcard.service";

const VCARD_TYPE = "text/vcard";
const VCARD_TYPES = [VCARD_TYPE, "text/x-vcard", "text/directory"];

export function contactRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Contacts"];

  r.get(
    "/contacts",
    {
      preValidation: gatherCustomFieldParams,
      schema: {
        tags,
        summary: "List contacts: filters, accent-insensitive search, keyset pagination",
        querystring: contactListQuery,
        response: { 200: listOrSyncPage(contactSparseListItemSchema), ...problemResponses },
      },
    },
    async (request, reply) =>
      request.query.updatedSince === undefined
        ? pickFields(
            await contacts.listContacts(request.ctx(), asListQuery(request.query)),
            request.query.fields,
          )
        : sendSyncPage(reply, await syncFromList(request.ctx(), "contact", request.query)),
  );

  r.get(
    "/contacts/count",
    {
      preValidation: gatherCustomFieldParams,
      schema: {
        tags,
        summary:
          "How many contacts the list holds for these filters: exact up to 10,000, past that the database's estimate",
        querystring: contactListQuery,
        response: { 200: listCountSchema, ...problemResponses },
      },
    },
    async (request) => countContacts(request.ctx(), request.query),
  );

  r.post(
    "/contacts",
    {
      schema: {
        tags,
        summary: "Create a contact",
        body: createContactBody,
        response: { 201: contactSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await contacts.createContact(request.ctx(), request.body)),
  );

  r.get(
    "/contacts/:id",
    {
      schema: {
        tags,
        summary: "One contact; a contact merged into another answers 308 with the survivor's URL",
        params: idParams,
        response: { 200: contactSchema, ...problemResponses },
      },
    },
    async (request, reply) => {
      const found = await getContactOrSurvivor(request.ctx(), request.params.id);
      if ("survivorId" in found) return reply.redirect(`/api/v1/contacts/${found.survivorId}`, 308);
      return found.contact;
    },
  );

  r.patch(
    "/contacts/:id",
    {
      schema: {
        tags,
        summary: "Change a contact (409 when the version is stale; lists replace the stored ones)",
        params: idParams,
        body: updateContactBody,
        response: { 200: contactSchema, ...problemResponses },
      },
    },
    async (request) =>
      contacts.updateContact(
        request.ctx(),
        request.params.id,
        withIfMatch(request.headers["if-match"], request.body),
      ),
  );

  r.delete(
    "/contacts/:id",
    {
      schema: {
        tags,
        summary: "Delete a contact (soft: linked records keep their link)",
        params: idParams,
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await contacts.deleteContact(request.ctx(), request.params.id);
      return reply.code(204).send(null);
    },
  );

  r.get(
    "/contacts/:id/timeline",
    {
      schema: {
        tags,
        summary: "History and activities of one contact, newest first",
        params: idParams,
        querystring: timelineQuery,
        response: { 200: timelineResponse, ...problemResponses },
      },
    },
    async (request) => {
      const ctx = request.ctx();
      await contacts.getContact(ctx, request.params.id);
      return recordTimeline(ctx, "contact", request.params.id, request.query);
    },
  );

  r.post(
    "/contacts/bulk",
    {
      schema: {
        tags,
        summary: "Assign, tag or delete many contacts in one transaction; invisible ones are reported",
        body: bulkRecordBody,
        response: { 200: bulkResultSchema, ...problemResponses },
      },
    },
    async (request) => bulkUpdateContacts(request.ctx(), request.body),
  );

  r.get(
    "/contacts/matches",
    {
      schema: {
        tags,
        summary:
          "Existing contacts like the one being entered (same email, phone, or name at the same company)",
        querystring: contactMatchQuery,
        response: { 200: z.object({ data: z.array(contactDuplicateSchema) }), ...problemResponses },
      },
    },
    async (request) => findContactMatches(request.ctx(), request.query),
  );

  r.get(
    "/contacts/:id/duplicates",
    {
      schema: {
        tags,
        summary: "Likely duplicates of a contact, each with its reasons (email, phone, name_company)",
        params: idParams,
        response: { 200: z.object({ data: z.array(contactDuplicateSchema) }), ...problemResponses },
      },
    },
    async (request) => findContactDuplicates(request.ctx(), request.params.id),
  );

  r.post(
    "/contacts/merge",
    {
      schema: {
        tags,
        summary:
          "Merge two contacts: the survivor takes the chosen values, every lead, deal, activity and participation moves to it, the loser is deleted with mergedIntoId (one transaction, audited on both)",
        body: contactMergeBody,
        response: { 200: contactMergeResult, ...problemResponses },
      },
    },
    async (request) => mergeContacts(request.ctx(), request.body),
  );

  r.get(
    "/contacts/:id/vcard",
    {
      schema: {
        tags,
        summary: "The contact as a vCard 4.0 (text/vcard)",
        params: idParams,
      },
    },
    async (request, reply) => {
      const { body, fileName } = await exportContactVcard(request.ctx(), request.params.id);
      return reply
        .type("text/vcard; charset=utf-8")
        .header("content-disposition", `attachment; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(body);
    },
  );

  // The .vcf body parser lives in its own scope, so no other route starts accepting vCards.
  void r.register((scoped, _options, done) => {
    scoped.addContentTypeParser(
      VCARD_TYPES,
      { parseAs: "string", bodyLimit: 10 * 1024 * 1024 },
      (_request, body, parsed) => parsed(null, body),
    );
    // JSON would parse too (the app-wide parser), but this route reads only vCard text.
    scoped.addHook("preValidation", async (request) => {
      const type =
        String(request.headers["content-type"] ?? "")
          .split(";")[0]
          ?.trim()
          .toLowerCase() ?? "";
      if (!VCARD_TYPES.includes(type)) throw unsupportedMediaType("vcard_media_type", { type: VCARD_TYPE });
    });
    scoped.withTypeProvider<ZodTypeProvider>().post(
      "/contacts/import/vcard",
      {
        schema: {
          tags,
          summary:
            "Import a .vcf file (one or many cards, vCard 2.1/3.0/4.0): invalid cards are reported with their lines, the valid ones are created in one transaction",
          consumes: VCARD_TYPES,
          body: z.string().describe("The .vcf file (Content-Type text/vcard)"),
          response: { 200: vcardImportResult, ...problemResponses },
        },
      },
      async (request) => importContactVcards(request.ctx(), request.body),
    );
    done();
  });
}
