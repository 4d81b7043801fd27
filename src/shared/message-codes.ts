/**
 * Stable codes for the sentences the server sends (a problem's `detail`, a field error's `message`, a
 * skipped record's `reason`), so the web UI can show them in the user's language (`serverErrors.<code>` in
 * the i18n catalogues) while API clients keep reading the English text. The server derives the code from
 * the English sentence (rules and schemas keep their readable text in one place), from a template when the
 * sentence carries values (they travel as `params`), or, for zod's own checks, from the issue kind.
 *
 * A sentence without an entry still reaches the user, in English; `message-codes.test.ts` finds the
 * sentences thrown in src/server, src/domain and src/shared and fails for any without a code, and checks that
 * every code has a German and an English text.
 */
export const MESSAGE_CODES = {
  // schemas
  "Not a valid phone number": "phone_invalid",
  "Not a valid web address": "website_invalid",
  "A decimal amount like 1234.50": "amount_invalid",
  "A decimal amount like 5000 or 5000.50": "amount_invalid",
  "An amount cannot be negative": "amount_negative",
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
  "The cursor is not valid; start again from the first page": "cursor_invalid",
  "Not a valid email address": "email_invalid",
  "Unknown field": "unknown_field",
  "Invalid value": "invalid",
  "Invalid data": "invalid",
  // lead status and conversion
  "A converted lead cannot be edited; add activities or notes instead": "lead_converted_edit",
  "A lead becomes converted only through the conversion": "lead_converted_only_by_conversion",
  "A closed lead must be reopened first": "lead_closed_reopen_first",
  "A new lead has no owner; remove the owner": "lead_new_has_owner",
  "This lead is already converted": "lead_already_converted",
  "The conversion failed": "conversion_failed",
  // deals, pipelines, calendar, vCard
  "This deal is open already": "deal_open_already",
  "The default pipeline cannot be deleted; make another one the default first": "pipeline_default_delete",
  "This activity has no time, so there is nothing to put in a calendar": "activity_no_time",
  "The file holds no vCard (BEGIN:VCARD … END:VCARD)": "vcard_none",
  "The card has no END:VCARD": "vcard_no_end",
  "No vCard found": "vcard_none",
  // records that are not there (notFound(what) says "<what> not found")
  "Record not found": "not_found",
  "Company not found": "company_not_found",
  "Contact not found": "contact_not_found",
  "Deleted lead not found": "lead_not_found",
  "Deal not found": "deal_not_found",
  "Activity not found": "activity_not_found",
  "Pipeline not found": "pipeline_not_found",
  "View not found": "view_not_found",
  "User not found": "user_not_found",
  "Team not found": "team_not_found",
  "Token not found": "token_not_found",
  "Notification not found": "notification_not_found",
  "Calendar feed not found": "calendar_feed_not_found",
  // logging in, rights, setup
  "Please log in": "login_required",
  "Wrong email or password": "login_failed",
  "Your session has expired; please log in again": "session_expired",
  "The API token is invalid or revoked": "token_invalid",
  "You are not allowed to do this": "forbidden",
  "Your role does not allow this": "role_forbidden",
  "Your role does not allow deleting leads in bulk": "bulk_delete_forbidden",
  "Only admins and managers can see the user list": "users_list_forbidden",
  "Only admins can change users": "users_change_forbidden",
  "At least one active admin must remain": "last_admin",
  "Leadwerk is set up already; please log in": "setup_done",
  // the request itself
  "The X-CSRF-Token header is missing or no longer valid; reload the page and try again": "csrf_invalid",
  "Too many attempts; please wait a moment and try again": "rate_limited",
  "The request body is larger than the server accepts (1 MiB)": "body_too_large",
  "Send the body as application/json": "body_not_json",
  // the server itself
  "The database is unavailable; please try again in a moment": "database_unavailable",
  "The database migrations are not done yet": "migrations_pending",
  "Text must not contain a NUL character": "nul_character",
} as const satisfies Record<string, string>;

/**
 * Sentences that carry values: `{name}` stands for one, which the answer carries as `params.name`
 * (a number when it is all digits, so the UI can pick a plural form). Matched after the exact table.
 */
export const MESSAGE_TEMPLATES = {
  "Someone changed this {record} meanwhile; reload and try again": "record_changed",
  "{record} not found": "not_found",
  "A lead cannot go from {from} to {to}": "lead_status_transition",
  "This deal is {status} already; reopen it first": "deal_closed_already",
  "This deal is {status}; reopen it before moving it": "deal_closed_move",
  'Stage "{stage}" holds {count} deal(s): say which remaining stage receives them': "stage_has_deals",
  'The deals of stage "{stage}" must go to a remaining stage': "stage_deals_target",
  "This pipeline still holds {count} deal(s); move or delete them first": "pipeline_has_deals",
  "At most {count} views per list": "views_limit",
  "At most {count} tokens per user; revoke one first": "tokens_limit",
  "At most {count} cards per file": "vcard_too_many",
  "Send the .vcf file as {type}": "vcard_media_type",
  "Unreadable line: {detail}": "vcard_unreadable_line",
  "A line longer than {max} characters": "vcard_line_too_long",
  "More than {max} separators in one line": "vcard_too_many_separators",
  "More than {max} lines in one card": "vcard_too_many_lines",
  "A card longer than {max} characters": "vcard_card_too_long",
  '"{value}" is not a valid phone number; kept in the notes instead': "vcard_phone_kept",
  'No company named "{name}"; imported without a company': "vcard_company_unknown",
  "Only one {kind} can be primary": "one_primary",
  "At most {count} characters": "too_long",
  "The {part} has an invalid field": "request_invalid_field",
  "The {part} has invalid fields": "request_invalid_fields",
  "No route {method} {path}": "route_not_found",
  "No file at {path}": "file_not_found",
  "Something went wrong on our side (request {requestId})": "internal_error",
} as const satisfies Record<string, string>;

/** Codes the server sets itself rather than deriving them from a sentence. */
export const REQUEST_CODES = {
  /** Fastify's own refusals of a body it cannot read; their English text is Fastify's. */
  FST_ERR_CTP_EMPTY_JSON_BODY: "body_empty",
  FST_ERR_CTP_INVALID_JSON_BODY: "body_invalid_json",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "body_length_invalid",
  /** Any other malformed request. */
  other: "bad_request",
} as const;

/** Values of a sentence, e.g. `{ count: 200 }` or `{ from: "new", to: "dead" }`. */
export type MessageParams = Record<string, string | number>;

export interface CodedMessage {
  code: string;
  params?: MessageParams;
}

const TEMPLATES = Object.entries(MESSAGE_TEMPLATES).map(([template, code]) => {
  const names: string[] = [];
  const source = template
    .split(/\{(\w+)\}/)
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(part);
      return "(.+?)";
    })
    .join("");
  return { pattern: new RegExp(`^${source}$`, "s"), names, code };
});

/** The code of a sentence and the values it carries, or undefined for a sentence without an entry. */
export function messageCodeOf(message: string): CodedMessage | undefined {
  if (Object.hasOwn(MESSAGE_CODES, message)) {
    return { code: MESSAGE_CODES[message as keyof typeof MESSAGE_CODES] };
  }
  for (const { pattern, names, code } of TEMPLATES) {
    const match = pattern.exec(message);
    if (!match) continue;
    const params: MessageParams = {};
    for (const [i, name] of names.entries()) {
      const value = match[i + 1] ?? "";
      params[name] = /^\d{1,15}$/.test(value) ? Number(value) : value;
    }
    return { code, params };
  }
  return undefined;
}

export function codeOfMessage(message: string): string | undefined {
  return messageCodeOf(message)?.code;
}

/** Every code `codeOfIssue` gives. */
export const ISSUE_CODES = [
  "required",
  "too_short",
  "too_long",
  "too_few",
  "too_many",
  "too_small",
  "too_large",
  "email_invalid",
  "date_invalid",
  "id_invalid",
  "format_invalid",
  "type_invalid",
  "choice_invalid",
  "unknown_field",
  "invalid",
] as const;

/** The facts of a zod issue the UI needs to word it itself: its kind and its bound. */
export interface IssueFacts {
  keyword: string;
  message?: string;
  params?: { origin?: unknown; minimum?: unknown; maximum?: unknown; format?: unknown };
}

/** A code and its parameters for a zod issue whose message is zod's own (not one of ours). */
export function codeOfIssue({ keyword, message = "", params = {} }: IssueFacts): {
  code: (typeof ISSUE_CODES)[number];
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
