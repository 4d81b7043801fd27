import type { ServiceContext } from "@server/context";
import { companies, contacts, deals, leads } from "@server/db/schema";
import { visibleParts, visibleShape, visibleWhere } from "./permission-gate";

/*
 * The permission gate per CRM record, for the caller of a service function. Every module that reads
 * another's records takes its gate from here, not from that module, so modules need not import each
 * other for it (activities add their participants in `activityVisibility`).
 */
export const leadVisibility = (ctx: ServiceContext) => visibleWhere(ctx.actor, "lead", leads);
/** leadVisibility for a prepared statement (db/prepared.ts): shape key, placeholders and their values. */
export const leadGateShape = (ctx: ServiceContext) => visibleShape(ctx.actor, "lead", leads);
/** leadVisibility in parts (team's, own) for queries that walk an index per part. */
export const leadVisibilityParts = (ctx: ServiceContext) => visibleParts(ctx.actor, "lead", leads);
export const contactVisibility = (ctx: ServiceContext) => visibleWhere(ctx.actor, "contact", contacts);
export const companyVisibility = (ctx: ServiceContext) => visibleWhere(ctx.actor, "company", companies);
export const dealVisibility = (ctx: ServiceContext) => visibleWhere(ctx.actor, "deal", deals);
