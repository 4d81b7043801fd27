import { type Actor, visibleWhere } from "@server/access/permission-gate";
import { activities, companies, contacts, deals, leads } from "@server/db/schema";
import type { ViewGates } from "./deal-view.repository";

/** The deal's own permission gate and those of the records a deal view shows. */
export function dealGates(actor: Actor): ViewGates {
  return {
    deal: visibleWhere(actor, "deal", deals),
    company: visibleWhere(actor, "company", companies),
    contact: visibleWhere(actor, "contact", contacts),
    lead: visibleWhere(actor, "lead", leads),
    activity: visibleWhere(actor, "activity", activities),
  };
}
