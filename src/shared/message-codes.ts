/**
 * Stable codes for the messages the server sends about a field or a skipped record, so the web UI can
 * show them in the user's language (`serverErrors.<code>` in the i18n catalogues) while API clients keep
 * reading the English `message`. The server derives the code from the message (rules and schemas keep
 * their readable English text in one place) or, for zod's own checks, from the issue kind.
 *
 * A message without an entry still reaches the user, in English; add an entry (and both translations)
 * when you write a new rule message.
 */
export const MESSAGE_CODES = {
  // schemas
  "Not a valid phone number": "phone_invalid",
  "Not a valid web address": "website_invalid",
  "A decimal amount like 1234.50": "amount_invalid",
  "A decimal amount like 5000 or 5000.50": "amount_invalid",
  "A three-letter currency code like EUR": "currency_invalid",
  "Use at least 10 characters": "password_too_short",
  "A birthday cannot be in the future": "birthday_future",
  "Listed twice": "duplicate_entry",
  "Link the activity to a lead, contact, company or deal": "activity_link_required",
  "Ends before it starts": "ends_before_start",
  "At most one primary contact": "one_primary_contact",
  "Give a reason": "reason_required",
  "Give at least a last name, company, email or phone, or link a contact or company": "lead_who_required",
  Required: "required",
  // lead rules
  "A converted lead cannot be changed": "lead_converted",
  "A converted lead cannot be edited": "lead_converted",
  "A converted lead can only be deleted by an admin": "lead_converted_delete",
  "Closing a lead needs a reason": "dead_reason_required",
  "Set an owner first": "owner_required",
  "Moving a lead back needs a reason": "lifecycle_back_reason",
  "A sales-qualified lead needs all four BANT criteria met": "sql_needs_bant",
  "Lead not found": "lead_not_found",
  // deals, pipelines, activities, contacts and companies, accounts
  "A meeting needs a start": "meeting_needs_start",
  "An end needs a start": "end_needs_start",
  "You can assign records only to members of your team": "owner_not_in_team",
  "You can put records only into your own team": "team_not_allowed",
  "This record does not exist or is not visible to you": "record_not_visible",
  "This user does not exist or is inactive": "user_unknown",
  "The current password is not correct": "password_wrong",
  "The new password must differ from the current one": "password_unchanged",
  "This company does not exist or is not visible to you": "company_not_visible",
  "A company cannot be its own parent or ancestor": "company_parent_cycle",
  "A closed lead must be reopened before it is converted": "lead_closed_convert",
  "This stage does not exist in the pipeline": "stage_not_in_pipeline",
  "This pipeline does not exist": "pipeline_unknown",
  "This pipeline has no stages": "pipeline_no_stages",
  "This contact does not exist or is not visible to you": "contact_not_visible",
  "This stage is not part of the deal's pipeline": "stage_not_in_deal_pipeline",
  "This card is not in the target column": "card_not_in_column",
  "Make another pipeline the default instead": "pipeline_default_required",
  "This stage is not part of the pipeline": "stage_not_in_pipeline",
  "This stage is listed twice": "stage_listed_twice",
  "A team with this name exists already": "team_name_taken",
  "This team does not exist": "team_unknown",
  "A user with this email exists already": "email_taken",
  "A contact cannot be merged into itself": "merge_same_contact",
  "A company cannot be merged into itself": "merge_same_company",
  "Invalid cursor": "cursor_invalid",
} as const satisfies Record<string, string>;

export type MessageCode = (typeof MESSAGE_CODES)[keyof typeof MESSAGE_CODES];

export function codeOfMessage(message: string): string | undefined {
  return Object.hasOwn(MESSAGE_CODES, message)
    ? MESSAGE_CODES[message as keyof typeof MESSAGE_CODES]
    : undefined;
}

/** The facts of a zod issue the UI needs to word it itself: its kind and its bound. */
export interface IssueFacts {
  keyword: string;
  message?: string;
  params?: { origin?: unknown; minimum?: unknown; maximum?: unknown; format?: unknown };
}

/** A code and its parameters for a zod issue whose message is zod's own (not one of ours). */
export function codeOfIssue({ keyword, message = "", params = {} }: IssueFacts): {
  code: string;
  params?: Record<string, number>;
} {
  const bound = (value: unknown) =>
    typeof value === "number" || typeof value === "bigint" ? Number(value) : 0;
  switch (keyword) {
    case "too_small":
      if (params.origin === "string")
        return bound(params.minimum) <= 1
          ? { code: "required" }
          : { code: "too_short", params: { count: bound(params.minimum) } };
      if (params.origin === "array") return { code: "too_few", params: { count: bound(params.minimum) } };
      return { code: "too_small", params: { count: bound(params.minimum) } };
    case "too_big":
      if (params.origin === "string") return { code: "too_long", params: { count: bound(params.maximum) } };
      if (params.origin === "array") return { code: "too_many", params: { count: bound(params.maximum) } };
      return { code: "too_large", params: { count: bound(params.maximum) } };
    case "invalid_format":
      if (params.format === "email") return { code: "email_invalid" };
      if (params.format === "date" || params.format === "datetime") return { code: "date_invalid" };
      if (params.format === "uuid") return { code: "id_invalid" };
      return { code: "format_invalid" };
    case "invalid_type":
      // zod 4 issues carry no input; its own message names what was received.
      return { code: message.endsWith("received undefined") ? "required" : "type_invalid" };
    case "invalid_value":
    case "invalid_union":
      return { code: "choice_invalid" };
    case "unrecognized_keys":
      return { code: "unknown_field" };
    default:
      return { code: "invalid" };
  }
}
