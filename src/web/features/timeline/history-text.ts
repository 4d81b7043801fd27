import { historyText as leadHistoryText, type TimelineText } from "@web/features/leads/detail/timeline-text";
import type { TFunction } from "i18next";
import type { TimelineItem } from "./timeline-api";

export type { TimelineText };

interface Labels {
  t: TFunction;
  userName: (id: string) => string;
}

const ENTITIES = ["lead", "contact", "company", "deal", "activity"] as const;
type HistoryEntity = (typeof ENTITIES)[number];
const isEntity = (value: string): value is HistoryEntity => (ENTITIES as readonly string[]).includes(value);

const record = (value: unknown): Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};

/** A field name from the audit log in words: a known label, else the name itself made readable. */
function fieldLabel(t: TFunction, field: string): string {
  const readable = field
    .replace(/Id$/, "")
    .replace(/([a-z])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return t(`timeline.fields.${field}`, { defaultValue: readable });
}

/** A stage or status as the audit log has it: a plain value or { id, name }. */
function named(value: unknown): string | null {
  if (typeof value === "string" || typeof value === "number") return String(value);
  const name = record(value).name;
  return typeof name === "string" ? name : null;
}

/**
 * One entry of a list field in words: an email or phone (`{ value, type, primary }`) by its value, an
 * address by its parts, a named thing by its name, a plain value as it is.
 */
function entryText(entry: unknown): string | null {
  if (typeof entry === "string" || typeof entry === "number" || typeof entry === "boolean")
    return String(entry);
  const fields = record(entry);
  if (typeof fields.value === "string") return fields.value;
  const name = named(entry);
  if (name) return name;
  const parts = [fields.street, fields.postalCode, fields.city, fields.country].filter(
    (part): part is string => typeof part === "string" && part !== "",
  );
  return parts.length ? parts.join(" ") : null;
}

function valueText({ t, userName }: Labels, field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return t("timeline.emptyValue");
  if (field === "ownerId" && typeof value === "string") return userName(value);
  if (Array.isArray(value)) {
    const entries = value.map(entryText).filter((entry): entry is string => entry !== null);
    if (entries.length) return entries.join(", ");
    return value.length ? t("timeline.changedValue") : t("timeline.emptyValue");
  }
  if (typeof value === "object") return named(value) ?? t("timeline.changedValue");
  return String(value);
}

/** "Amount: 1000 → 2000" for every plain field change; long or structured values are only named. */
function updatedText(labels: Labels, changes: Record<string, unknown>): TimelineText {
  const { t } = labels;
  const fields = Object.keys(changes).filter((key) => key !== "version");
  const details = fields.flatMap((field) => {
    const change = record(changes[field]);
    if (!("from" in change || "to" in change)) return [];
    const from = valueText(labels, field, change.from);
    const to = valueText(labels, field, change.to);
    if (from.length > 80 || to.length > 80) return [];
    return [t("timeline.fieldChange", { field: fieldLabel(t, field), from, to })];
  });
  const names = fields.map((field) => fieldLabel(t, field)).join(", ");
  return { title: t("timeline.updated", { fields: names }), details };
}

function stageText({ t }: Labels, changes: Record<string, unknown>): TimelineText {
  const from =
    named(changes.fromStageName) ??
    named(changes.fromStage) ??
    named(changes.from) ??
    t("timeline.emptyValue");
  const to =
    named(changes.toStageName) ?? named(changes.toStage) ?? named(changes.to) ?? t("timeline.emptyValue");
  return { title: t("timeline.stageMoved", { from, to }), details: [] };
}

/** "Taken from the lead Anna Müller: Job title, Email" with "Email: added beside …" for kept-both fields. */
function leadMergedText({ t }: Labels, entity: string, changes: Record<string, unknown>): TimelineText {
  const part = entity === "company" ? "company" : "contact";
  const label = (field: string) =>
    t(`conversion.merge.fields.${part}.${field}`, { defaultValue: fieldLabel(t, field) });
  const fields = Array.isArray(changes.fields)
    ? changes.fields.filter((f): f is string => typeof f === "string")
    : [];
  const choices = record(changes.choices);
  return {
    title: t("timeline.leadMerged", {
      name: named(changes.leadName) ?? t("timeline.emptyValue"),
      fields: fields.map(label).join(", "),
    }),
    details: fields
      .filter((f) => choices[f] === "both")
      .map((f) => t("timeline.leadMergedBoth", { field: label(f) })),
  };
}

/**
 * What a history entry says, in the user's language: lead entries as the lead page words them,
 * the other records' entries from their action (created, updated, merged, stage moves, won, lost …).
 */
export function historyText(item: TimelineItem, labels: Labels): TimelineText {
  const { t } = labels;
  const [entityPart = "", verb = ""] = item.action.split(".");
  if (entityPart === "lead" && verb !== "merged") return leadHistoryText(item, labels);
  const entity = isEntity(entityPart) ? t(`timeline.entity.${entityPart}`) : entityPart;
  const changes = record(item.changes);
  const reason =
    typeof changes.reason === "string" && changes.reason
      ? [t("timeline.reason", { reason: changes.reason })]
      : [];
  switch (verb) {
    case "created":
      return { title: t("timeline.created", { entity }), details: [] };
    case "updated":
      return updatedText(labels, changes);
    case "deleted":
      return { title: t("timeline.deleted", { entity }), details: [] };
    case "restored":
      return { title: t("timeline.restored", { entity }), details: [] };
    case "merged": {
      const other = named(changes.mergedName) ?? named(changes.sourceName) ?? null;
      return {
        title: t("timeline.merged", { entity }),
        details: other ? [t("timeline.mergedFrom", { name: other })] : [],
      };
    }
    case "lead_merged":
      return leadMergedText(labels, entityPart, changes);
    case "moved":
    case "stage_changed":
      return stageText(labels, changes);
    case "won":
      return { title: t("timeline.won"), details: [] };
    case "lost":
      return { title: t("timeline.lost"), details: reason };
    case "reopened":
      return { title: t("timeline.reopened", { entity }), details: reason };
    case "status_changed":
      return {
        title: t("timeline.statusChanged", {
          from: named(changes.from) ?? t("timeline.emptyValue"),
          to: named(changes.to) ?? t("timeline.emptyValue"),
        }),
        details: reason,
      };
    case "converted":
      return { title: t("timeline.converted"), details: [] };
    default:
      return { title: t("timeline.otherEvent", { entity, action: verb || item.action }), details: [] };
  }
}
