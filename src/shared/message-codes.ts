/**
 * The catalogue of the sentences the server sends (a problem's `detail`, a field error's `message`, a
 * skipped record's `reason`): a stable code → its English template. Whoever refuses names the code and
 * its values (`ruleViolation("lead_status_transition", { from, to })`); the answer carries the English
 * sentence for API clients together with `code` and `params`, from which the web UI words it in the
 * user's language (`serverErrors.<code>` in src/web/i18n). `{name}` in a template stands for a value
 * that travels as `params.name`.
 *
 * A few codes have a second English wording where the first does not fit (a field error beside its
 * detail, a bulk skip): its key is `<code>:<variant>`, and the answer carries `<code>`, so the UI has
 * one text per code. `message-codes.test.ts` checks that every code has a German and an English text.
 */
export const MESSAGES = {
  // schemas
  phone_invalid: "Not a valid phone number",
  website_invalid: "Not a valid web address",
  amount_invalid: "A decimal amount like 1234.50",
  "amount_invalid:budget": "A decimal amount like 5000 or 5000.50",
  amount_negative: "An amount cannot be negative",
  currency_invalid: "A three-letter currency code like EUR",
  password_too_short: "Use at least 10 characters",
  birthday_future: "A birthday cannot be in the future",
  duplicate_entry: "Listed twice",
  activity_link_required: "Link the activity to a lead, contact, company or deal",
  ends_before_start: "Ends before it starts",
  one_primary_contact: "At most one primary contact",
  one_primary: "Only one {kind} can be primary",
  reason_required: "Give a reason",
  lead_who_required: "Give at least a last name, company, email or phone, or link a contact or company",
  required: "Required",
  too_long: "At most {count} characters",
  email_invalid: "Not a valid email address",
  unknown_field: "Unknown field",
  invalid: "Invalid value",
  "invalid:data": "Invalid data",
  merge_same_contact: "A contact cannot be merged into itself",
  merge_same_company: "A company cannot be merged into itself",
  merge_both_lists_only: "Keeping both is possible for emails and phones only",
  merge_needs_existing: "Merge choices need an existing record to merge into",
  merge_lead_value_missing: "The lead has no value for this field",
  time_zone_invalid: "An IANA time zone like Europe/Berlin",
  period_reversed: "The end of the period lies before its start",
  snapshot_not_found: "There is no forecast snapshot on or before that day",
  // lead rules
  lead_converted: "A converted lead cannot be changed",
  "lead_converted:edited": "A converted lead cannot be edited",
  lead_converted_edit: "A converted lead cannot be edited; add activities or notes instead",
  lead_converted_delete: "A converted lead can only be deleted by an admin",
  lead_converted_only_by_conversion: "A lead becomes converted only through the conversion",
  lead_status_transition: "A lead cannot go from {from} to {to}",
  lead_closed_reopen_first: "A closed lead must be reopened first",
  lead_new_has_owner: "A new lead has no owner; remove the owner",
  dead_reason_required: "Closing a lead needs a reason",
  owner_required: "Set an owner first",
  lifecycle_back_reason: "Moving a lead back needs a reason",
  sql_needs_bant: "A sales-qualified lead needs all four BANT criteria met",
  // conversion
  lead_closed_convert: "A closed lead must be reopened before it is converted",
  lead_already_converted: "This lead is already converted",
  conversion_failed: "The conversion failed",
  // owners, teams and linked records
  owner_not_in_team: "You can assign records only to members of your team",
  team_not_allowed: "You can put records only into your own team",
  record_not_visible: "This record does not exist or is not visible to you",
  company_not_visible: "This company does not exist or is not visible to you",
  contact_not_visible: "This contact does not exist or is not visible to you",
  user_unknown: "This user does not exist or is inactive",
  company_parent_cycle: "A company cannot be its own parent or ancestor",
  record_changed: "Someone changed this {record} meanwhile; reload and try again",
  // deals and pipelines
  deal_open_already: "This deal is open already",
  deal_closed_already: "This deal is {status} already; reopen it first",
  deal_closed_move: "This deal is {status}; reopen it before moving it",
  stage_not_in_pipeline: "This stage is not part of the pipeline",
  "stage_not_in_pipeline:create": "This stage does not exist in the pipeline",
  stage_not_in_deal_pipeline: "This stage is not part of the deal's pipeline",
  stage_listed_twice: "This stage is listed twice",
  stage_has_deals: 'Stage "{stage}" holds {count} deal(s): say which remaining stage receives them',
  stage_deals_target: 'The deals of stage "{stage}" must go to a remaining stage',
  card_not_in_column: "This card is not in the target column",
  pipeline_unknown: "This pipeline does not exist",
  pipeline_no_stages: "This pipeline has no stages",
  pipeline_default_required: "Make another pipeline the default instead",
  pipeline_default_delete: "The default pipeline cannot be deleted; make another one the default first",
  pipeline_has_deals: "This pipeline still holds {count} deal(s); move or delete them first",
  // activities, views, tokens, calendar
  meeting_needs_start: "A meeting needs a start",
  end_needs_start: "An end needs a start",
  activity_no_time: "This activity has no time, so there is nothing to put in a calendar",
  views_limit: "At most {count} views per list",
  tokens_limit: "At most {count} tokens per user; revoke one first",
  // vCard
  vcard_none: "The file holds no vCard (BEGIN:VCARD … END:VCARD)",
  "vcard_none:field": "No vCard found",
  vcard_no_end: "The card has no END:VCARD",
  vcard_too_many: "At most {count} cards per file",
  vcard_media_type: "Send the .vcf file as {type}",
  vcard_unreadable_line: "Unreadable line: {detail}",
  vcard_line_too_long: "A line longer than {max} characters",
  vcard_too_many_separators: "More than {max} separators in one line",
  vcard_too_many_lines: "More than {max} lines in one card",
  vcard_card_too_long: "A card longer than {max} characters",
  vcard_phone_kept: '"{value}" is not a valid phone number; kept in the notes instead',
  vcard_company_unknown: 'No company named "{name}"; imported without a company',
  // accounts and teams
  password_wrong: "The current password is not correct",
  password_unchanged: "The new password must differ from the current one",
  team_name_taken: "A team with this name exists already",
  team_unknown: "This team does not exist",
  email_taken: "A user with this email exists already",
  cursor_invalid: "The cursor is not valid; start again from the first page",
  "cursor_invalid:field": "Invalid cursor",
  // records that are not there
  not_found: "{record} not found",
  // a bulk change names the kind of record, but answers with the generic code
  "not_found:contact": "Contact not found",
  "not_found:company": "Company not found",
  lead_not_found: "Lead not found",
  "lead_not_found:deleted": "Deleted lead not found",
  company_not_found: "Company not found",
  contact_not_found: "Contact not found",
  deal_not_found: "Deal not found",
  activity_not_found: "Activity not found",
  pipeline_not_found: "Pipeline not found",
  view_not_found: "View not found",
  user_not_found: "User not found",
  team_not_found: "Team not found",
  token_not_found: "Token not found",
  notification_not_found: "Notification not found",
  calendar_feed_not_found: "Calendar feed not found",
  // mail
  host_invalid: "A host name or IP address",
  imap_move_folder_required: "Name the folder that read mail moves to",
  smtp_not_configured: "Not sent: no SMTP server configured",
  smtp_failed: "The SMTP server could not be reached or refused the mail",
  mail_password_unreadable:
    "A stored mail password can no longer be decrypted (LEADWERK_SECRET_KEY changed); enter it again",
  mail_test_dns: "The host name could not be resolved (DNS)",
  mail_test_connect: "No connection to the server: the port is closed or blocked",
  mail_test_tls: "The TLS connection failed: wrong security mode or an untrusted certificate",
  mail_test_login: "Login refused: check user name and password",
  mail_test_folder: "The folder does not exist on the IMAP server",
  mail_test_send: "The server answered with an error",
  outbox_mail_not_found: "Mail not found",
  attachment_not_found: "Attachment not found",
  mail_too_large: "The mail is larger than the size limit",
  mail_malformed: "The mail could not be read (broken MIME)",
  mail_no_sender: "The mail has no valid sender",
  mail_auto_reply: "An automatic reply (Auto-Submitted or similar) makes no lead",
  mail_bounce: "A bounce (empty Return-Path) makes no lead",
  mail_zip_bomb: "An attachment unpacks to far more than it is (zip bomb)",
  mail_from_ourselves: "Sent by an intake address itself",
  mail_script_in_html: "The mail's HTML contains script",
  mail_duplicate: "This mail (same Message-ID) was received already",
  mail_intake_invalid: "The intake pipeline refused the sender's data",
  // logging in, rights, setup
  login_required: "Please log in",
  login_failed: "Wrong email or password",
  session_expired: "Your session has expired; please log in again",
  token_invalid: "The API token is invalid or revoked",
  forbidden: "You are not allowed to do this",
  role_forbidden: "Your role does not allow this",
  bulk_delete_forbidden: "Your role does not allow deleting leads in bulk",
  users_list_forbidden: "Only admins and managers can see the user list",
  users_change_forbidden: "Only admins can change users",
  last_admin: "At least one active admin must remain",
  owner_change_forbidden: "Your role may not give records to someone else",
  export_forbidden: "Your role may not export these records",
  create_forbidden: "Your role may not create these records",
  permission_role_fixed: "The admin role always has every right, so no admin can lock themselves out",
  permission_quote_read: "A quote is seen with its deal, so its Read stays “all”",
  permission_all_or_none: "Choose “all” or “none” here",
  permission_not_applicable: "This right does not apply here",
  permission_beyond_read: "Cannot reach further than Read: a record one cannot find cannot be changed",
  permission_create_unreadable: "Whoever creates a record must be able to read it",
  setup_done: "Leadwerk is set up already; please log in",
  // accounts: reset, two-factor, sessions
  password_reset_invalid: "This reset link is invalid, used or expired; please request a new one",
  two_factor_code_invalid: "The code is not correct or was used already",
  two_factor_login_expired: "The sign-in took too long or had too many wrong codes; please log in again",
  two_factor_enabled_already: "Two-factor authentication is on already",
  two_factor_not_started: "Start the two-factor setup first",
  two_factor_not_enabled: "Two-factor authentication is not on",
  two_factor_proof_required: "Enter your password or a current code",
  session_not_found: "There is no such session",
  two_factor_own_first: "Set up two-factor for your own account first, so the rule does not lock you out",
  two_factor_setup_required: "Admins must set up two-factor authentication first (Settings → Security)",
  // the request itself
  csrf_invalid: "The X-CSRF-Token header is missing or no longer valid; reload the page and try again",
  rate_limited: "Too many attempts; please wait a moment and try again",
  body_too_large: "The request body is larger than the server accepts (1 MiB)",
  body_not_json: "Send the body as application/json",
  request_invalid_field: "The {part} has an invalid field",
  request_invalid_fields: "The {part} has invalid fields",
  route_not_found: "No route {method} {path}",
  file_not_found: "No file at {path}",
  internal_error: "Something went wrong on our side (request {requestId})",
  // the server itself
  database_unavailable: "The database is unavailable; please try again in a moment",
  migrations_pending: "The database migrations are not done yet",
  storage_full: "The server's storage is full, so nothing was saved; please try again later",
  nul_character: "Text must not contain a NUL character",
  // intake and web forms
  vat_id_invalid: "Not a valid VAT id (e.g. DE136695976)",
  vat_id_check_digit: "The check digit of this German VAT id does not match; please check the number",
  form_not_found: "No such form",
  form_inactive: "This form no longer takes submissions",
  form_rate_limited: "Too many submissions; try again in {seconds} seconds",
  form_consent_required: "Please agree to the consent text",
  form_origin_not_allowed: "Submissions from this website are not allowed",
  form_redirect_not_allowed: "The redirect address must start with one of the allowed origins",
  form_field_duplicate: "The field {field} is on the form twice",
  form_needs_who: "The form needs at least a last name, company, email or phone field",
  form_origin_invalid: "An origin like https://www.example.com",
  idempotency_key_reused: "This Idempotency-Key was used with another body",
  idempotency_key_invalid: "The Idempotency-Key header must be 1 to 255 visible ASCII characters",
  idempotency_key_in_flight: "A request with this Idempotency-Key is still running; try again shortly",
  updated_since_invalid: "updatedSince takes an ISO time or the nextCursor of a sync page",
  sync_params_unsupported: "With updatedSince only limit applies; leave out the other list parameters",
  list_limit_too_large:
    "A list page holds at most {max} records; only a sync page (updatedSince) holds up to {syncMax}",
  external_id_taken: "Another record already has this external id",
  batch_record_not_found: "No record with this id, or you may not see it",
  batch_duplicate_item: "The batch names this record twice (also item {index})",
  api_rate_limited: "Too many requests for this API token; try again in {seconds} seconds",
  body_not_utf8: "The body is not valid UTF-8",
  form_body_too_large: "The submission is larger than {limit} bytes",
  routing_rule_empty: "A rule needs a country or a postal-code range",
  country_code_invalid: "A two-letter country code like DE",
  import_not_a_table: "The file is neither a CSV nor an XLSX file (it holds binary data near row {row})",
  import_quote_unclosed: "Row {row}: a quoted cell is not closed",
  import_cell_too_long: "Row {row}, column {column}: a cell holds more than {max} characters",
  import_too_many_columns: "Row {row} has {count} columns; at most {max} are read",
  import_too_many_rows: "The file has more than {max} rows",
  import_nul_byte: "Row {row}, column {column}: the cell holds a NUL character",
  import_xlsx_broken: "The Excel file is damaged or incomplete",
  import_xlsx_too_big: "The Excel file unpacks to more than {max} MB (or packs suspiciously tightly)",
  import_sheet_missing: "The workbook has no sheet {sheet}",
  import_no_header: "The file holds no header row",
  import_file_missing: "Send the file as the multipart field file",
  import_file_too_large: "The file is larger than {max} MB",
  import_not_found: "Import not found",
  import_wrong_state: "The import is {status}; that is not possible now",
  import_entity_unsupported: "Importing into {entity} is not available yet",
  import_field_unknown: "Unknown field {field}",
  import_record_changed: "Changed after the import; left as it is",
  import_link_not_found: "No matching record found by this value",
  import_number_invalid: "Not a number as the file writes them (e.g. {example})",
  import_date_invalid: "Not a date as the file writes them (e.g. {example})",
  import_choice_unknown: "Not one of the choices; map the value in the mapping step",
  import_template_not_found: "Import template not found",
  import_template_name_taken: "A template of this name exists already",
  import_template_not_yours: "Only whoever saved a template, or an admin, may delete it",
  // products, quotes, invoices (issue #19)
  product_not_found: "Product not found",
  quote_not_found: "This quote does not exist or is not visible to you",
  invoice_not_found: "This invoice does not exist or is not visible to you",
  sku_taken: "A product with this SKU exists already",
  quantity_invalid: "A quantity like 2 or 1.5 (at most 3 decimals)",
  quantity_positive: "The quantity must be above 0",
  discount_invalid: "A discount in percent like 10 or 2.5",
  discount_range: "A discount is at most 100 %",
  vat_rate_invalid: "A VAT rate in percent like 19 or 7",
  vat_rate_unknown: "This VAT rate is not offered; use 19, 7, 0 or a custom rate from the settings",
  currency_not_deal: "The quote must be in the deal's currency ({currency})",
  quote_needs_contact: "A quote needs the deal's contact; add a contact to the deal first",
  quote_needs_company: "A quote needs the deal's company; add a company to the deal first",
  quote_needs_lines: "A quote needs at least one line",
  quote_not_draft: "A sent quote cannot be changed; revise it instead",
  quote_not_sent: "Only a sent quote can be accepted, declined or revised",
  quote_superseded: "A newer revision replaced this quote",
  quote_not_accepted: "Only an accepted quote becomes an invoice",
  quote_invoiced: "This quote has an invoice already",
  invoice_paid_already: "This invoice is paid in full already",
  payment_too_high: "The payment is more than the open amount ({open})",
  payment_positive: "A payment must be above 0",
  quote_needs_email: "The contact has no email address; give one to send the quote to",
  number_scheme_invalid:
    "The number scheme needs exactly one running number and no placeholders but the year and the number",
  due_date_past: "The due date cannot lie before today",
  logo_invalid: "The logo must be a PNG or JPEG image",
  logo_too_large: "The logo is larger than {max} kB",
  iban_invalid: "Not a valid IBAN (check digits or length)",
  bic_invalid: "Not a valid BIC (8 or 11 characters, e.g. COBADEFFXXX)",
  email_placeholder_unknown: "Unknown placeholder {placeholder}; use one of the listed ones",
  csv_invalid: "The CSV file cannot be read: {reason}",
  csv_column_missing: "The CSV file has no column {column}",
  form_too_fast: "That was very quick; please check your entries and send the form again",
  form_body_invalid: "Send the fields as a JSON object or form-encoded",
  // webhooks (issue #14)
  webhook_not_found: "Webhook not found",
  webhook_delivery_not_found: "Delivery not found",
  webhook_events_required: "Choose at least one event",
  webhook_url_invalid: "Not a valid web address",
  webhook_url_scheme: "Only http and https addresses can receive webhooks",
  webhook_url_credentials: "Leave user name and password out of the address; verify the signature instead",
  webhook_url_private: "This address leads into a private or local network, which webhooks may not reach",
  webhook_url_unresolvable: "The host name does not resolve",
  webhook_owner_invalid: "The owner must be an active user",
  webhook_inactive: "The subscription is switched off",
  webhook_not_visible: "The subscription's owner may not see this record, so it was not sent",
  webhook_record_gone: "The record was deleted before this could be sent; the deletion is sent instead",
  webhook_timeout: "The receiver did not answer within {seconds} seconds",
  webhook_http_status: "The receiver answered with status {status}",
  webhook_redirect: "The receiver answered with a redirect ({status}), which is not followed",
  webhook_connect_failed: "The receiver could not be reached",
  webhook_secret_unreadable: "The secret cannot be read with the current LEADWERK_SECRET_KEY; rotate it",
  webhook_disabled_failing: "Switched off after {days} days in which every delivery failed",
  webhook_disabled_notice: "The webhook to {url} was switched off: every delivery failed for {days} days",
  webhook_replay_not_done: "Only a finished delivery can be replayed",
  // custom fields (issue #20 point 1)
  custom_field_not_found: "Custom field not found",
  cf_key_invalid: "Use letters, digits and underscores, starting with a lowercase letter (at most 40)",
  cf_key_taken: "This key is already used by another field of this record type",
  cf_label_builtin: "A built-in field of this record type is called “{label}” already; choose another label",
  cf_options_required: "A choice field needs at least one option",
  cf_text_invalid: "Enter text",
  cf_number_invalid: "Enter a number",
  cf_date_invalid: "Enter a date (YYYY-MM-DD)",
  cf_choice_invalid: "Choose one of the field's options",
  cf_checkbox_invalid: "Yes or no",
  cf_user_invalid: "Choose an existing user",
  cf_not_deleted: "Only a deleted field's values can be purged",
  cf_operator_invalid: "This field cannot be filtered this way",
  cf_not_sortable: "A list cannot be sorted by this field",
  cf_type_change_refused: "{count} records hold a value that does not convert to the new type",
  // data protection (modules/gdpr)
  consent_not_found: "Consent entry not found",
  consent_withdrawn_already: "This consent was withdrawn already",
  proposal_not_found: "Retention proposal not found",
  proposal_decided_already: "This proposal was decided already",
  recipient_erased: "The recipient's data was erased (Art. 17 GDPR); the mail was not sent",
  recipient_restricted: "Processing of {email}'s data is restricted (Art. 18 GDPR); no mail goes to them",
} as const satisfies Record<string, string>;

/** A key of the catalogue: a code, or `<code>:<variant>` for its second wording. */
export type MessageKey = keyof typeof MESSAGES;

/** The code an answer carries for a key (`cursor_invalid:field` → `cursor_invalid`). */
export type CodeOf<K extends string> = K extends `${infer C}:${string}` ? C : K;
export type MessageCode = CodeOf<MessageKey>;

/** The value names of a template: `"A lead cannot go from {from} to {to}"` → `"from" | "to"`. */
type NamesIn<T extends string> = T extends `${string}{${infer N}}${infer Rest}` ? N | NamesIn<Rest> : never;

/** What a key needs besides itself: nothing, or one value per `{name}` of its template. */
export type ParamsArg<K extends MessageKey> = [NamesIn<(typeof MESSAGES)[K]>] extends [never]
  ? []
  : [params: Record<NamesIn<(typeof MESSAGES)[K]>, string | number>];

/** A key whose sentence carries no values. */
export type PlainMessageKey = { [K in MessageKey]: ParamsArg<K> extends [] ? K : never }[MessageKey];

/** Values of a sentence, e.g. `{ count: 200 }` or `{ from: "new", to: "dead" }`. */
export type MessageParams = Record<string, string | number>;

export interface CodedMessage {
  code: string;
  params?: MessageParams;
}

/** A sentence as an answer carries it: the English text, with its code and values when it has them. */
export interface Message extends Partial<CodedMessage> {
  text: string;
}

/** A value read back from a sentence is a number when it is all digits, so the UI can pick a plural form. */
const wireValue = (value: string | number) =>
  typeof value === "string" && /^\d{1,15}$/.test(value) ? Number(value) : value;

const NAME = /\{(\w+)\}/g;

/**
 * The sentence of `key` with its values filled in, its code and its values as params (as given):
 * `message("views_limit", { count: 20 })`.
 */
export function message<K extends MessageKey>(key: K, ...[params]: ParamsArg<K>): Message & CodedMessage {
  const template: string | undefined = MESSAGES[key];
  if (template === undefined) throw new Error(`No message "${key}" in the catalogue`);
  const code = key.split(":")[0] ?? key;
  const values: Partial<MessageParams> = params ?? {};
  const names = [...template.matchAll(NAME)].map((m) => m[1] ?? "");
  if (names.length === 0) return { text: template, code };
  const wire: MessageParams = {};
  for (const name of names) wire[name] = values[name] ?? "";
  return {
    text: template.replace(NAME, (_, name: string) => String(values[name] ?? "")),
    code,
    params: wire,
  };
}

/** The English sentence of `key`, for a zod schema's message: `z.email(msg("email_invalid"))`. */
export function msg<K extends MessageKey>(key: K, ...params: ParamsArg<K>): string {
  return message(key, ...params).text;
}

// Reading a sentence back: zod hands the error handler only the text of a schema's message.
const EXACT = new Map<string, string>();
const TEMPLATES: { pattern: RegExp; names: string[]; code: string }[] = [];
// A code's own wording before a second one: "Contact not found" reads back as `contact_not_found`.
const byWording = Object.entries(MESSAGES).sort(
  ([a], [b]) => Number(a.includes(":")) - Number(b.includes(":")),
);
for (const [key, template] of byWording) {
  const code = key.split(":")[0] ?? key;
  const names: string[] = [];
  const source = template
    .split(/\{(\w+)\}/)
    .map((part, i) => {
      if (i % 2 === 0) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(part);
      return "(.+?)";
    })
    .join("");
  if (names.length === 0) {
    if (!EXACT.has(template)) EXACT.set(template, code);
  } else TEMPLATES.push({ pattern: new RegExp(`^${source}$`, "s"), names, code });
}

/**
 * The code of a sentence of the catalogue and the values it carries, or undefined for any other text.
 * For texts that arrive without their code: a zod schema's message (written with `msg`), a vCard's report.
 */
export function messageCodeOf(text: string): CodedMessage | undefined {
  const exact = EXACT.get(text);
  if (exact) return { code: exact };
  for (const { pattern, names, code } of TEMPLATES) {
    const match = pattern.exec(text);
    if (!match) continue;
    const params: MessageParams = {};
    for (const [i, name] of names.entries()) params[name] = wireValue(match[i + 1] ?? "");
    return { code, params };
  }
  return undefined;
}

/** A text with the code and values of the catalogue's sentence it is, if it is one. */
export function readMessage(text: string): Message {
  return { text, ...messageCodeOf(text) };
}

/** Codes of Fastify's own refusals of a body it cannot read; their English text is Fastify's. */
export const REQUEST_CODES = {
  FST_ERR_CTP_EMPTY_JSON_BODY: "body_empty",
  FST_ERR_CTP_INVALID_JSON_BODY: "body_invalid_json",
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: "body_length_invalid",
  /** Any other malformed request. */
  other: "bad_request",
} as const;

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
