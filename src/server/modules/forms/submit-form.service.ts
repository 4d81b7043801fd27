import { createHash } from "node:crypto";
import { type IntakeInput, UTM_KEYS } from "@domain/intake/intake-types";
import { normaliseIntake } from "@domain/intake/normalise";
import type { Db } from "@server/db/client";
import { formSubmissions, intakeLog } from "@server/db/schema";
import { AppError, type FieldError, field, gone, notFound, ruleViolation } from "@server/errors";
import type { LiveMessage } from "@server/live/live-message";
import { clientKey } from "@server/modules/auth/login-throttle";
import { intakeBatch, logRejected } from "@server/modules/intake/intake.service";
import { intakeFieldError } from "@server/modules/intake/intake-errors";
import { readIntakeSettings } from "@server/modules/intake/intake-settings";
import { message } from "@shared/message-codes";
import type { FormFieldName, WebForm } from "@shared/schemas/form";
import { and, eq, sql } from "drizzle-orm";
import { DOI_PENDING_TAG, requestConfirmation } from "./double-opt-in";
import type { FormRow } from "./form.repository";
import * as repo from "./form.repository";
import { clientHash, formSecret, startTimeOf } from "./form-secret";
import { countFormSubmission } from "./form-throttle";

/** The hidden fields every form page carries besides the lead fields. */
export const HONEYPOT = "lw_website";
export const START_TOKEN = "lw_t";
export const CONSENT = "consent";
const CONTROL_KEYS = new Set<string>([HONEYPOT, START_TOKEN, CONSENT, "lang", ...UTM_KEYS]);
/** How long a submission's Idempotency-Key or content hash answers repeats. */
const DEDUPE_HOURS = 24;

export type Lang = "de" | "en";

export class FormRateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", message("form_rate_limited", { seconds: retryAfterSeconds }));
  }
}

/** The form behind a public key: 404 unknown (or deleted), 410 switched off. */
export async function publicForm(db: Db, key: string): Promise<FormRow> {
  const form = key.length <= 64 ? await repo.findFormByKey(db, key) : undefined;
  if (!form) throw notFound("form_not_found");
  if (!form.active) throw gone("form_inactive");
  return form;
}

export type SubmitOutcome =
  | { kind: "received"; live: LiveMessage[] }
  | { kind: "invalid"; errors: FieldError[]; values: Record<string, string> }
  | { kind: "too_fast"; values: Record<string, string> };

export interface Submission {
  form: FormRow;
  body: Record<string, unknown>;
  ip: string;
  idempotencyKey: string | undefined;
  lang: Lang;
  requestId: string;
  /** Where the app is reached (the double opt-in link points there). */
  baseUrl: string;
}

/**
 * A public submission: rate limits (database-counted), honeypot, minimum fill time, the form's
 * fields only (never owner, status, score, team or anything else), required fields and consent, the
 * Idempotency-Key or the content hash (a double submit makes one lead), then the intake pipeline.
 * Whatever the pipeline decides, the public hears only "received".
 */
export async function submitForm(db: Db, s: Submission): Promise<SubmitOutcome> {
  const { form } = s;
  const fields = form.fields as WebForm["fields"];
  const values = readValues(s.body, fields);
  const throttle = await countFormSubmission(db, {
    formId: form.id,
    ip: s.ip,
    perClient: form.limitPerClient,
    perForm: form.limitPerForm,
  });
  if (throttle.retryAfterSeconds !== null) {
    // A flood shows in the intake view as one line a minute, not one per refused request.
    if (!(await recentlyRateLimited(db, form.id)))
      await logRejected(db, "web_form", "rate_limited", rejectOptions(form));
    throw new FormRateLimitedError(throttle.retryAfterSeconds);
  }
  const secret = await formSecret(db);
  if (typeof s.body[HONEYPOT] === "string" && s.body[HONEYPOT] !== "") {
    await logRejected(db, "web_form", "spam", rejectOptions(form));
    return { kind: "received", live: [] };
  }
  if (form.minFillSeconds > 0) {
    const token = s.body[START_TOKEN];
    const started = typeof token === "string" ? startTimeOf(secret, form.id, token) : null;
    if (started === null || Date.now() - started < form.minFillSeconds * 1000) {
      await logRejected(db, "web_form", "too_fast", rejectOptions(form));
      return { kind: "too_fast", values };
    }
  }

  const errors: FieldError[] = [];
  for (const f of fields) if (f.required && !values[f.field]?.trim()) errors.push(field(f.field, "required"));
  const consentText = form.consentText as WebForm["consentText"];
  const consentGiven =
    ["on", "true", "yes", "1"].includes(String(s.body[CONSENT] ?? "").toLowerCase()) ||
    s.body[CONSENT] === true;
  if (consentText && !consentGiven) errors.push(field(CONSENT, "form_consent_required"));
  const input = intakeInput(
    form,
    values,
    s.body,
    consentText ? { text: consentText[s.lang], given: consentGiven } : null,
  );
  const settings = await readIntakeSettings(db);
  const normalised = normaliseIntake(input, { region: settings.defaultRegion });
  if (!normalised.ok) {
    const onForm = new Set<string>(fields.map((f) => f.field));
    for (const e of normalised.errors) {
      // A rule about fields the form does not have (someone to reach) lands on the first field.
      const path = onForm.has(e.path) ? e.path : (fields[0]?.field ?? e.path);
      if (!errors.some((x) => x.path === path)) errors.push(intakeFieldError(e, path));
    }
  }
  if (errors.length > 0) {
    await logRejected(db, "web_form", "invalid", rejectOptions(form));
    return { kind: "invalid", errors, values };
  }

  // Double opt-in asks the address to confirm the consent; without consent or address there is nothing to confirm.
  const email = normalised.ok ? normalised.row.email : null;
  const doubleOptIn = form.doubleOptIn && consentText !== null && consentGiven && email !== null;
  const contentHash = sha256(JSON.stringify([Object.entries(values).sort(), consentGiven]));
  const dedupeKey = s.idempotencyKey ? `k:${sha256(s.idempotencyKey)}` : `c:${contentHash}`;
  const live = await db.transaction(async (tx) => {
    await tx
      .delete(formSubmissions)
      .where(sql`${formSubmissions.createdAt} < now() - make_interval(hours => ${DEDUPE_HOURS})`);
    const [claimed] = await tx
      .insert(formSubmissions)
      .values({ formId: form.id, dedupeKey, contentHash })
      .onConflictDoNothing()
      .returning({ id: formSubmissions.id });
    if (!claimed) {
      const [first] = await tx
        .select({ contentHash: formSubmissions.contentHash })
        .from(formSubmissions)
        .where(and(eq(formSubmissions.formId, form.id), eq(formSubmissions.dedupeKey, dedupeKey)));
      if (first && first.contentHash !== contentHash) throw ruleViolation("idempotency_key_reused");
      return []; // the first answer again: "received", and no second lead
    }
    const { decisions, live } = await intakeBatch(
      tx,
      { actor: null, requestId: s.requestId },
      "web_form",
      [input],
      {
        teamId: form.teamId,
        formId: form.id,
        formVersion: form.version,
        sourceDetail: form.name,
        clientHash: clientHash(secret, clientKey(s.ip)),
        tags: doubleOptIn ? [DOI_PENDING_TAG] : [],
        settings,
      },
    );
    const leadId = decisions[0]?.leadId;
    if (doubleOptIn && leadId && email)
      await requestConfirmation(tx, {
        leadId,
        formId: form.id,
        formName: form.name,
        email,
        lang: s.lang,
        baseUrl: s.baseUrl,
      });
    await tx
      .update(formSubmissions)
      .set({ intakeId: decisions[0]?.intakeId ?? null })
      .where(eq(formSubmissions.id, claimed.id));
    return live;
  });
  return { kind: "received", live };
}

async function recentlyRateLimited(db: Db, formId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: intakeLog.id })
    .from(intakeLog)
    .where(
      and(
        eq(intakeLog.formId, formId),
        sql`${intakeLog.receivedAt} > now() - interval '1 minute'`,
        eq(intakeLog.reason, "rate_limited"),
      ),
    )
    .limit(1);
  return row !== undefined;
}

const rejectOptions = (form: FormRow) => ({ formId: form.id, teamId: form.teamId, sourceDetail: form.name });
const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");

/**
 * The form's own fields from the body, as text. Any other key (owner, status, score, team, a field
 * the form does not ask for) is refused with its name: a public submission sets nothing else.
 */
function readValues(body: Record<string, unknown>, fields: WebForm["fields"]): Record<string, string> {
  const allowed = new Set<string>(fields.map((f) => f.field));
  const values: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const [key, value] of Object.entries(body)) {
    if (!allowed.has(key) && !CONTROL_KEYS.has(key)) {
      errors.push(field(key.slice(0, 100), "unknown_field"));
      continue;
    }
    if (value === null || value === undefined || typeof value === "boolean") continue;
    if (typeof value !== "string") {
      errors.push(field(key, "invalid"));
      continue;
    }
    if (allowed.has(key)) values[key] = value;
  }
  if (errors.length > 0)
    throw new AppError("validation", message("request_invalid_fields", { part: "body" }), errors);
  return values;
}

function intakeInput(
  form: FormRow,
  values: Record<string, string>,
  body: Record<string, unknown>,
  consent: { text: string; given: boolean } | null,
): IntakeInput {
  const input: IntakeInput = {};
  for (const [key, value] of Object.entries(values)) input[key as FormFieldName] = value;
  const utm: NonNullable<IntakeInput["utm"]> = {};
  for (const key of UTM_KEYS) {
    const value = body[key];
    if (typeof value === "string" && value.trim()) utm[key] = value;
  }
  return {
    ...input,
    campaign: form.campaign,
    utm,
    consent: consent ? { given: consent.given, text: consent.text, policyVersion: form.policyVersion } : null,
  };
}
