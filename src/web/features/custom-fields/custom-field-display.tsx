import { Anchor } from "@mantine/core";
import type { useFormat } from "@web/i18n/use-format";
import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import type { CustomField } from "./custom-fields-api";

interface DisplayContext {
  t: TFunction;
  lang: "de" | "en";
  format: ReturnType<typeof useFormat>;
  userName: (id: string) => string;
}

/** One stored value as a German or English reader expects it (dates, numbers and money in their locale). */
export function customValueText(field: CustomField, value: unknown, ctx: DisplayContext): string | null {
  if (value === null || value === undefined || value === "") return null;
  const label = (v: string) => field.options.find((o) => o.value === v)?.label[ctx.lang] ?? v;
  switch (field.type) {
    case "number":
      return typeof value === "number" ? ctx.format.number(value) : String(value);
    case "money": {
      const money = value as { amount?: unknown; currency?: unknown };
      return typeof money.amount === "string"
        ? ctx.format.money({ amount: Number(money.amount), currency: String(money.currency ?? "EUR") })
        : null;
    }
    case "date":
      return typeof value === "string" ? ctx.format.date(`${value}T12:00:00`) : null;
    case "choice":
      return typeof value === "string" ? label(value) : null;
    case "multi_choice":
      return Array.isArray(value) && value.length > 0 ? value.map((v) => label(String(v))).join(", ") : null;
    case "checkbox":
      return value === true ? ctx.t("customFields.yes") : ctx.t("customFields.no");
    case "user":
      return typeof value === "string" ? ctx.userName(value) : null;
    default:
      return typeof value === "string" ? value : JSON.stringify(value);
  }
}

/** The value for a detail page: links for web, mail and phone; text otherwise. */
export function customValueNode(field: CustomField, value: unknown, ctx: DisplayContext): ReactNode {
  const text = customValueText(field, value, ctx);
  if (text === null) return null;
  if (field.type === "url")
    return (
      <Anchor href={text} target="_blank" rel="noopener noreferrer" size="sm">
        {text.replace(/^https?:\/\//, "")}
      </Anchor>
    );
  if (field.type === "email")
    return (
      <Anchor href={`mailto:${text}`} size="sm">
        {text}
      </Anchor>
    );
  if (field.type === "phone")
    return (
      <Anchor href={`tel:${text.replace(/\s/g, "")}`} size="sm">
        {text}
      </Anchor>
    );
  return text;
}
