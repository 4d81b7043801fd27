import { activities, companies, contacts, leads } from "@server/db/schema";
import { publishAll } from "@server/live/publish";
import { createActivity, updateActivity } from "@server/modules/activities/activity.service";
import { activityChanged, usersTakingPart } from "@server/modules/activities/activity-live";
import { createCompany, updateCompany } from "@server/modules/companies/company.service";
import { createContact, updateContact } from "@server/modules/contacts/contact.service";
import { createLead, updateLead } from "@server/modules/leads/lead.service";
import { problemResponses } from "@server/plugins/openapi";
import { createActivityBody, updateActivityBody } from "@shared/schemas/activity";
import {
  type CreateCompanyInput,
  createCompanyBody,
  type UpdateCompanyInput,
  updateCompanyBody,
} from "@shared/schemas/company";
import {
  type CreateContactInput,
  createContactBody,
  type UpdateContactInput,
  updateContactBody,
} from "@shared/schemas/contact";
import { batchResultSchema } from "@shared/schemas/deal";
import {
  type CreateLeadInput,
  createLeadBody,
  type UpdateLeadInput,
  updateLeadBody,
} from "@shared/schemas/lead";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import { writeLeads } from "./lead-batch";
import { type BatchEntity, batchBody, runBatch } from "./record-batch";

/*
 * Leads, contacts and companies in the shared batch: their create and change services run on the
 * batch's transaction (`db` of the context), so their own transactions become savepoints.
 * Deals have theirs in modules/deals (their steps take the transaction explicitly). Activities tell
 * the live feed as their POST and PATCH do, once the batch committed.
 */
const LEAD_BATCH: BatchEntity<CreateLeadInput, UpdateLeadInput> = {
  table: leads,
  createBody: createLeadBody,
  updateBody: updateLeadBody,
  create: (ctx, tx, input) => createLead({ ...ctx, db: tx }, input),
  update: (ctx, tx, id, input) => updateLead({ ...ctx, db: tx }, id, input),
  writeMany: writeLeads,
};
const CONTACT_BATCH: BatchEntity<CreateContactInput, UpdateContactInput> = {
  table: contacts,
  createBody: createContactBody,
  updateBody: updateContactBody,
  create: (ctx, tx, input) => createContact({ ...ctx, db: tx }, input),
  update: (ctx, tx, id, input) => updateContact({ ...ctx, db: tx }, id, input),
};
const COMPANY_BATCH: BatchEntity<CreateCompanyInput, UpdateCompanyInput> = {
  table: companies,
  createBody: createCompanyBody,
  updateBody: updateCompanyBody,
  create: (ctx, tx, input) => createCompany({ ...ctx, db: tx }, input),
  update: (ctx, tx, id, input) => updateCompany({ ...ctx, db: tx }, id, input),
};

const ACTIVITY_BATCH: BatchEntity<
  z.output<typeof createActivityBody>,
  z.output<typeof updateActivityBody>
> = {
  table: activities,
  createBody: createActivityBody,
  updateBody: updateActivityBody,
  create: async (ctx, tx, input) => {
    const created = await createActivity({ ...ctx, db: tx }, input);
    return {
      id: created.id,
      live: [activityChanged({ ...created, participantUserIds: usersTakingPart(created) })],
    };
  },
  update: async (ctx, tx, id, input) => {
    const changed = await updateActivity({ ...ctx, db: tx }, id, input);
    return { id: changed.activity.id, live: [changed.live] };
  },
};

export function batchRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const routes = [
    ["/leads/batch", "Leads", "leads", LEAD_BATCH],
    ["/contacts/batch", "Contacts", "contacts", CONTACT_BATCH],
    ["/companies/batch", "Companies", "companies", COMPANY_BATCH],
    ["/activities/batch", "Activities", "activities", ACTIVITY_BATCH],
  ] as const;
  for (const [url, tag, things, entity] of routes) {
    r.post(
      url,
      {
        // 1,000 records outgrow the default 1 MiB.
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          tags: [tag],
          summary: `Create and change up to 1,000 ${things} by id or externalId: a result per record`,
          body: batchBody,
          response: { 200: batchResultSchema, ...problemResponses },
        },
      },
      async (request) => {
        const { results, live } = await runBatch(
          request.ctx(),
          entity as BatchEntity<unknown, unknown>,
          request.body,
        );
        await publishAll(app, live);
        return { results };
      },
    );
  }
}
