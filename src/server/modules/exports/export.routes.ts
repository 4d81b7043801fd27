import { gatherCustomFieldParams } from "@server/modules/custom-fields/custom-field-query";
import { FILE_EXPORT_COMPRESSION } from "@server/plugins/compression";
import { activityListQuery } from "@shared/schemas/activity";
import { companyListQuery } from "@shared/schemas/company";
import { contactListQuery } from "@shared/schemas/contact";
import { dealListQuery } from "@shared/schemas/deal";
import { type ExportableList, exportOptions } from "@shared/schemas/export";
import { leadListQuery } from "@shared/schemas/lead";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import { type ExportQuery, exportList } from "./export.service";
import { type ExportFormat, exportHeaders } from "./table-export";

/** Each list's filters as the export's query: the list's own, without paging, plus locale and columns. */
const QUERIES = {
  leads: leadListQuery.omit({ limit: true, cursor: true, fields: true }).extend(exportOptions),
  contacts: contactListQuery.omit({ limit: true, cursor: true, fields: true }).extend(exportOptions),
  companies: companyListQuery.omit({ limit: true, cursor: true, fields: true }).extend(exportOptions),
  deals: dealListQuery.omit({ limit: true, cursor: true, fields: true }).extend(exportOptions),
  activities: activityListQuery.omit({ limit: true, cursor: true, fields: true }).extend(exportOptions),
} satisfies Record<ExportableList, z.ZodType>;

const TAGS: Record<ExportableList, string> = {
  leads: "Leads",
  contacts: "Contacts",
  companies: "Companies",
  deals: "Deals",
  activities: "Activities",
};

/** One record of each list, for the summaries. */
const ONE: Record<ExportableList, string> = {
  leads: "lead",
  contacts: "contact",
  companies: "company",
  deals: "deal",
  activities: "activity",
};

/** `GET /api/v1/<list>/export.csv` and `export.xlsx` for every list (issue #17). */
export function exportRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const list of Object.keys(QUERIES) as ExportableList[]) {
    for (const format of ["csv", "xlsx"] as const satisfies ExportFormat[]) {
      r.get(
        `/${list}/export.${format}`,
        {
          // The list's custom field filters (`cf.<key>`), as the list itself takes them.
          preValidation: gatherCustomFieldParams,
          compress: FILE_EXPORT_COMPRESSION,
          schema: {
            tags: [TAGS[list]],
            summary: `Every ${ONE[list]} matching the list filters (or the selected ids) as ${format.toUpperCase()}: streamed, formula-safe, in the user's locale with locale=`,
            querystring: QUERIES[list],
          },
        },
        async (request, reply) => {
          // The query was validated by this list's schema, so it is this list's query.
          const input = { list, query: request.query } as ExportQuery;
          const stream = exportList(request.ctx(), format, input);
          return reply.headers(exportHeaders(list, format)).send(stream);
        },
      );
    }
  }
}
