import type { Principal } from "@domain/access-policy";
import { type Action, type Refusal, refusalOf, type SubjectOf } from "@domain/policy/policy";
import { type AppError, conflict, forbidden, notFound, ruleViolation } from "@server/errors";

/**
 * The first line of a service function: throws when the action policy (src/domain/policy/policy.ts)
 * refuses the actor this action (on this record). Without a record only the role is asked, so a
 * service can refuse before it reads anything and ask again with the locked row.
 */
export function authorize<A extends Action>(
  ctx: { actor: Principal },
  action: A,
  record?: SubjectOf<A>,
): void {
  const refusal = refusalOf(ctx.actor, action, record);
  if (refusal) throw refusalError(refusal);
}

/** The API's answer to a refusal: its status, its sentence and, for a field's rule, the field. */
export function refusalError(refusal: Refusal): AppError {
  const status = refusal.params?.status ?? "";
  switch (refusal.code) {
    case "role_forbidden":
    case "create_forbidden":
    case "export_forbidden":
    case "owner_change_forbidden":
    case "bulk_delete_forbidden":
    case "users_list_forbidden":
    case "users_change_forbidden":
      return forbidden(refusal.code);
    case "user_not_found":
    case "lead_not_found":
      return notFound(refusal.code);
    case "team_not_allowed":
      return ruleViolation("team_not_allowed").at("teamId");
    case "owner_not_in_team":
      return ruleViolation("owner_not_in_team").at("ownerId");
    case "quote_not_draft":
    case "quote_not_sent":
    case "quote_superseded":
    case "quote_not_accepted":
    case "quote_invoiced":
    case "invoice_paid_already":
    case "lead_converted_edit":
    case "lead_converted_delete":
    case "deal_open_already":
      return ruleViolation(refusal.code);
    case "lead_already_converted":
      return conflict("lead_already_converted");
    case "lead_closed_convert":
      return ruleViolation("lead_closed_convert").at("status");
    case "deal_closed_move":
    case "deal_closed_already":
      return ruleViolation(refusal.code, { status });
    default: {
      const unreachable: never = refusal.code;
      return unreachable;
    }
  }
}
