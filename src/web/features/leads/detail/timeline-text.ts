import {
  type LeadAuditedField as AuditedField,
  LEAD_AUDITED_FIELDS,
  LEAD_UNQUOTED_FIELDS,
} from "@domain/leads/lead-fields";
import type { TFunction } from "i18next";
import { BANT_CRITERIA, isBantState, isLeadSource, isLeadStatus, isLifecycleStage } from "../lead-model";
import type { TimelineItem } from "../leads-api";

export interface TimelineText {
  title: string;
  details: string[];
}

const isAuditedField = (key: string): key is AuditedField =>
  (LEAD_AUDITED_FIELDS as readonly string[]).includes(key);

/** An audited field's label: the lead form's; a link by what it links (ownerId → owner). */
type LabelName<F extends string> = F extends `${infer Name}Id` ? Name : F;
const fieldLabel = <F extends AuditedField>(field: F) =>
  `leads.fields.${(field.endsWith("Id") ? field.slice(0, -2) : field) as LabelName<F>}` as const;

/** Long texts and structured values (BANT) are named, not quoted, in the timeline. */
const isQuoted = (field: AuditedField) => !(LEAD_UNQUOTED_FIELDS as readonly string[]).includes(field);

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null ? (value as Record<string, unknown>) : {};

interface Labels {
  t: TFunction;
  userName: (id: string) => string;
}

function statusLabel({ t }: Labels, value: unknown): string {
  return isLeadStatus(value) ? t(`leads.status.${value}`) : String(value ?? "—");
}

function stageLabel({ t }: Labels, value: unknown): string {
  return isLifecycleStage(value) ? t(`leads.lifecycle.${value}`) : String(value ?? "—");
}

function valueText(labels: Labels, field: AuditedField, value: unknown): string {
  if (value === null || value === undefined || value === "") return labels.t("leads.timeline.emptyValue");
  if (field === "source" && isLeadSource(value)) return labels.t(`leads.source.${value}`);
  if (field === "ownerId" && typeof value === "string") return labels.userName(value);
  if (Array.isArray(value)) return value.length ? value.join(", ") : labels.t("leads.timeline.emptyValue");
  return String(value);
}

/** "Budget: Unknown → Met" for each BANT criterion whose state changed. */
function bantDetails({ t }: Labels, change: Record<string, unknown>): string[] {
  const from = record(change.from);
  const to = record(change.to);
  return BANT_CRITERIA.flatMap((criterion) => {
    const before = record(from[criterion]).state;
    const after = record(to[criterion]).state;
    if (before === after || !isBantState(after)) return [];
    return [
      t("leads.timeline.fieldChange", {
        field: t(`bant.criterion.${criterion}`),
        from: isBantState(before) ? t(`bant.state.${before}`) : t("leads.timeline.emptyValue"),
        to: t(`bant.state.${after}`),
      }),
    ];
  });
}

function updatedText(labels: Labels, changes: Record<string, unknown>): TimelineText {
  const fields = Object.keys(changes).filter(isAuditedField);
  const bant = fields.includes("bant") ? bantDetails(labels, record(changes.bant)) : [];
  const quoted = fields.filter(isQuoted).map((field) => {
    const change = record(changes[field]);
    return labels.t("leads.timeline.fieldChange", {
      field: labels.t(fieldLabel(field)),
      from: valueText(labels, field, change.from),
      to: valueText(labels, field, change.to),
    });
  });
  const names = fields.map((field) => labels.t(fieldLabel(field))).join(", ");
  return { title: labels.t("leads.timeline.updated", { fields: names }), details: [...quoted, ...bant] };
}

const INTAKE_CHANNELS = ["web_form", "email", "import", "api"] as const;
const isChannel = (value: unknown): value is (typeof INTAKE_CHANNELS)[number] =>
  (INTAKE_CHANNELS as readonly unknown[]).includes(value);

/** "Came in via web form: Messe-Anmeldung" with campaign, UTM, consent and, for a repeat, what was typed. */
function intakeText({ t }: Labels, changes: Record<string, unknown>): TimelineText {
  const channel = isChannel(changes.channel)
    ? t(`intake.channels.${changes.channel}`)
    : String(changes.channel ?? "");
  const via =
    typeof changes.sourceDetail === "string" && changes.sourceDetail
      ? `${channel}: ${changes.sourceDetail}`
      : channel;
  const title =
    changes.decision === "added"
      ? t("leads.timeline.intakeAdded", { via })
      : t("leads.timeline.intakeReceived", { via });
  const details: string[] = [];
  const utm = Object.entries(record(changes.utm)).map(([k, v]) => `${k}=${String(v)}`);
  if (utm.length > 0) details.push(t("leads.timeline.intakeUtm", { utm: utm.join(", ") }));
  const consent = changes.consent === null || changes.consent === undefined ? null : record(changes.consent);
  if (consent)
    details.push(
      typeof consent.policyVersion === "string" && consent.policyVersion
        ? t("leads.timeline.intakeConsentVersion", { version: consent.policyVersion })
        : t("leads.timeline.intakeConsent"),
    );
  for (const [field, value] of Object.entries(record(changes.values))) {
    if (isAuditedField(field) && typeof value === "string")
      details.push(t("leads.timeline.intakeValue", { field: t(fieldLabel(field)), value }));
  }
  return { title, details };
}

/** What a history entry says, e.g. "Status: New → In process" with the reason beneath. */
export function historyText(item: TimelineItem, labels: Labels): TimelineText {
  const { t } = labels;
  const changes = record(item.changes);
  const reason =
    typeof changes.reason === "string" && changes.reason
      ? [t("leads.timeline.reason", { reason: changes.reason })]
      : [];
  switch (item.action) {
    case "lead.created":
      return { title: t("leads.timeline.created"), details: [] };
    case "lead.status_changed":
      return {
        title: t("leads.timeline.statusChanged", {
          from: statusLabel(labels, changes.from),
          to: statusLabel(labels, changes.to),
        }),
        details: reason,
      };
    case "lead.lifecycle_changed":
      return {
        title: t("leads.timeline.lifecycleChanged", {
          from: stageLabel(labels, changes.from),
          to: stageLabel(labels, changes.to),
        }),
        details: reason,
      };
    case "lead.updated":
      return updatedText(labels, changes);
    case "lead.deleted":
      return { title: t("leads.timeline.deleted"), details: [] };
    case "lead.restored":
      return { title: t("leads.timeline.restored"), details: [] };
    case "lead.converted":
      return { title: t("leads.timeline.converted"), details: [] };
    case "lead.intake_received":
      return intakeText(labels, changes);
    default:
      return { title: item.action, details: [] };
  }
}
