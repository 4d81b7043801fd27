import type { Principal } from "@domain/access-policy";
import { type Action, type Refusal, refusalOf, type SubjectOf } from "@domain/policy/policy";
import { AppError, fieldError, forbidden, notFound } from "@server/errors";

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
      return forbidden("Your role does not allow this");
    case "bulk_delete_forbidden":
      return forbidden("Your role does not allow deleting leads in bulk");
    case "users_list_forbidden":
      return forbidden("Only admins and managers can see the user list");
    case "users_change_forbidden":
      return forbidden("Only admins can change users");
    case "user_not_found":
      return notFound("User");
    case "lead_not_found":
      return notFound("Lead");
    case "team_not_allowed":
      return fieldError("rule_violation", "teamId", "You can put records only into your own team");
    case "owner_not_in_team":
      return fieldError("rule_violation", "ownerId", "You can assign records only to members of your team");
    case "lead_converted_edit":
      return new AppError(
        "rule_violation",
        "A converted lead cannot be edited; add activities or notes instead",
      );
    case "lead_converted_delete":
      return new AppError("rule_violation", "A converted lead can only be deleted by an admin");
    case "lead_already_converted":
      return new AppError("conflict", "This lead is already converted");
    case "lead_closed_convert":
      return fieldError("rule_violation", "status", "A closed lead must be reopened before it is converted");
    case "deal_closed_move":
      return new AppError("rule_violation", `This deal is ${status}; reopen it before moving it`);
    case "deal_closed_already":
      return new AppError("rule_violation", `This deal is ${status} already; reopen it first`);
    case "deal_open_already":
      return new AppError("rule_violation", "This deal is open already");
    default: {
      const unreachable: never = refusal.code;
      return unreachable;
    }
  }
}
