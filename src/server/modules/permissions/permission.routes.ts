import { problemResponses } from "@server/plugins/openapi";
import {
  permissionMatrixSchema,
  permissionRoleParams,
  rolePermissionsSchema,
} from "@shared/schemas/permissions";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { getPermissions, updateRolePermissions } from "./permission.service";

/** Settings → Permissions (API.md): the per-role, per-entity permission matrix; admins only. */
export function permissionRoutes(app: FastifyInstance): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["Settings"];
  r.get(
    "/permissions",
    {
      schema: {
        tags,
        summary:
          "The permission matrix: per role and entity Create, Read, Edit, Delete, Export, Change owner (admin)",
        response: { 200: permissionMatrixSchema, ...problemResponses },
      },
    },
    async (request) => getPermissions(request.ctx()),
  );
  r.put(
    "/permissions/:role",
    {
      schema: {
        tags,
        summary: "Replace one role's rights (admin; the admin row is fixed)",
        params: permissionRoleParams,
        body: rolePermissionsSchema,
        response: { 200: rolePermissionsSchema, ...problemResponses },
      },
    },
    async (request) =>
      updateRolePermissions(request.ctx(), app.permissions, request.params.role, request.body),
  );
}
