import { withIfMatch } from "@server/http/if-match";
import { pickFields } from "@server/http/sparse-fields";
import { problemResponses } from "@server/plugins/openapi";
import { idParams, listResponse } from "@shared/schemas/common";
import {
  createProductBody,
  productExportQuery,
  productImportResult,
  productListItemSchema,
  productListQuery,
  productSchema,
  updateProductBody,
} from "@shared/schemas/quote";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import * as products from "./product.service";

/** A plugin of its own (registered with `api.register`), so its CSV body parser stays in its scope. */
export function productRoutes(app: FastifyInstance, _options: unknown, done: () => void): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Products"];
  const one = { 200: productSchema, ...problemResponses };
  // The import takes the CSV file as the body; this parser lives only in this plugin's scope.
  app.addContentTypeParser(["text/csv", "text/plain"], { parseAs: "string" }, (_req, body, done) => {
    done(null, body);
  });

  r.get(
    "/products",
    {
      schema: {
        tags,
        summary: "The price list: search (name, SKU), active filter, keyset pagination",
        querystring: productListQuery,
        response: { 200: listResponse(productListItemSchema), ...problemResponses },
      },
    },
    async (request) =>
      pickFields(await products.listProducts(request.ctx(), request.query), request.query.fields),
  );
  r.post(
    "/products",
    {
      schema: {
        tags,
        summary: "Add a product (product.manage)",
        body: createProductBody,
        response: { 201: productSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.code(201).send(await products.createProduct(request.ctx(), request.body)),
  );
  r.get(
    "/products/export.csv",
    {
      schema: {
        tags,
        summary: "The price list as CSV in the locale's format (de: ; and 1.234,50)",
        querystring: productExportQuery,
      },
    },
    async (request, reply) => {
      const csv = await products.exportProducts(request.ctx(), request.query.locale);
      const stamp = new Date().toISOString().slice(0, 10);
      return reply
        .header("content-type", "text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="products-${stamp}.csv"`)
        .send(csv);
    },
  );
  r.post(
    "/products/import",
    {
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        tags,
        summary:
          "Import a price list (text/csv body, columns as the export); a known SKU updates its product; all or nothing",
        response: { 200: productImportResult, ...problemResponses },
      },
    },
    async (request) =>
      products.importProducts(request.ctx(), typeof request.body === "string" ? request.body : ""),
  );
  r.get(
    "/products/:id",
    { schema: { tags, summary: "One product", params: idParams, response: one } },
    async (request) => products.getProduct(request.ctx(), request.params.id),
  );
  r.patch(
    "/products/:id",
    {
      schema: {
        tags,
        summary: "Change a product (product.manage; 409 when the version is stale)",
        params: idParams,
        body: updateProductBody,
        response: one,
      },
    },
    async (request) =>
      products.updateProduct(
        request.ctx(),
        request.params.id,
        withIfMatch(request.headers["if-match"], request.body),
      ),
  );
  done();
}
