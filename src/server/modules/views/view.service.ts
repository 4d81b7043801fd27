import type { ServiceContext } from "@server/context";
import { savedViews } from "@server/db/schema";
import { notFound, ruleViolation } from "@server/errors";
import type { createViewBody, SavedView, updateViewBody } from "@shared/schemas/view";
import { and, asc, count, eq } from "drizzle-orm";
import type { z } from "zod";

const MAX_VIEWS_PER_LIST = 50;

const toView = (row: typeof savedViews.$inferSelect): SavedView => ({
  id: row.id,
  entity: row.entity as SavedView["entity"],
  name: row.name,
  filters: row.filters as Record<string, unknown>,
  sort: row.sort,
  columns: (row.columns as string[] | null) ?? null,
  createdAt: row.createdAt.toISOString(),
});

/** Saved views are personal: each query is scoped to the caller's own rows. */
export async function listViews(ctx: ServiceContext, entity: SavedView["entity"]) {
  const rows = await ctx.db
    .select()
    .from(savedViews)
    .where(and(eq(savedViews.userId, ctx.actor.id), eq(savedViews.entity, entity)))
    .orderBy(asc(savedViews.name));
  return { data: rows.map(toView) };
}

export async function createView(ctx: ServiceContext, input: z.infer<typeof createViewBody>) {
  return ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ n: count() })
      .from(savedViews)
      .where(and(eq(savedViews.userId, ctx.actor.id), eq(savedViews.entity, input.entity)));
    if ((existing?.n ?? 0) >= MAX_VIEWS_PER_LIST)
      throw ruleViolation("views_limit", { count: MAX_VIEWS_PER_LIST });
    const [row] = await tx
      .insert(savedViews)
      .values({
        userId: ctx.actor.id,
        entity: input.entity,
        name: input.name,
        filters: input.filters,
        sort: input.sort ?? null,
        columns: input.columns ?? null,
      })
      .returning();
    if (!row) throw new Error("insert returned no row");
    return toView(row);
  });
}

export async function updateView(ctx: ServiceContext, id: string, input: z.infer<typeof updateViewBody>) {
  const [row] = await ctx.db
    .update(savedViews)
    .set({
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.filters !== undefined ? { filters: input.filters } : {}),
      ...(input.sort !== undefined ? { sort: input.sort ?? null } : {}),
      ...(input.columns !== undefined ? { columns: input.columns ?? null } : {}),
      updatedAt: new Date(),
    })
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, ctx.actor.id)))
    .returning();
  if (!row) throw notFound("view_not_found");
  return toView(row);
}

export async function deleteView(ctx: ServiceContext, id: string) {
  const rows = await ctx.db
    .delete(savedViews)
    .where(and(eq(savedViews.id, id), eq(savedViews.userId, ctx.actor.id)))
    .returning({ id: savedViews.id });
  if (rows.length === 0) throw notFound("view_not_found");
}
