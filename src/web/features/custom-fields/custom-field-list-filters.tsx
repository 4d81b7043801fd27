import { Group, MultiSelect, SegmentedControl, Stack, Text, TextInput } from "@mantine/core";
import type { NumberRules } from "@shared/locale-number";
import { NumberField, useNumberReader } from "@web/components/number-field";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { CustomField } from "./custom-fields-api";

/**
 * Custom fields in a record list (issue #20 point 1): the filters as the API takes them
 * (`cf.<key>=…`, `cf.<key>[gte]=…`; see shared/schemas/custom-field-query.ts), kept in the URL and in
 * saved views in the same form, and the drawer's inputs for the filterable fields.
 */
const PARAM = /^cf\.[a-z][a-zA-Z0-9_]{0,39}(\[(gte|lte|empty)\])?$/;
const SORT = /^cf\.[a-z][a-zA-Z0-9_]{0,39}$/;

/** A reader of the URL or a saved view that can also list its keys (the cf ones are not known ahead). */
export type KeyedReader = ((key: string) => string | null) & { keys?: () => string[] };

/** The `cf.` filters of the URL or a saved view; malformed names are dropped, not sent. */
export function readCustomFieldFilters(read: KeyedReader): Record<string, string> {
  const entries = (read.keys?.() ?? [])
    .filter((key) => PARAM.test(key))
    .map((key) => [key, (read(key) ?? "").slice(0, 2000)] as const)
    .filter(([, value]) => value !== "");
  return Object.fromEntries(entries);
}

/** A `cf.` filter parameter of a URL or saved view (`cf.size`, `cf.size[gte]`). */
export const isCustomFieldParam = (key: string) => PARAM.test(key);

/** How many custom fields are filtered: a range counts once, as the drawer shows it. */
export const customFilterCount = (cf: Record<string, string>) =>
  new Set(Object.keys(cf).map((key) => key.replace(/\[.*$/, ""))).size;

/** `cf.size` as a list's sort field (a custom field's column), or null. */
export const isCustomFieldSort = (field: string | undefined): field is `cf.${string}` =>
  field !== undefined && SORT.test(field);

/** The column id of a custom field in a list's column choice and saved views. */
export const customFieldColumn = (key: string) => `cf.${key}` as const;
export const customFieldKeyOfColumn = (column: string): string | null =>
  SORT.test(column) ? column.slice(3) : null;

const NUMBER_RULES: NumberRules = { maximumFractionDigits: 2 };

function NumberBound(props: {
  label: string;
  value: string | undefined;
  onChange: (v: string | null) => void;
}) {
  const numbers = useNumberReader();
  const stored = props.value === undefined ? null : Number(props.value);
  const [text, setText] = useState(() => numbers.format(stored, NUMBER_RULES));
  useEffect(() => {
    // Follows a reset or a saved view, not the user's typing.
    setText((current) => {
      const reading = numbers.read(current, NUMBER_RULES);
      const shown = reading.kind === "number" ? reading.value : null;
      return reading.kind !== "invalid" && shown !== stored ? numbers.format(stored, NUMBER_RULES) : current;
    });
  }, [stored, numbers]);
  return (
    <NumberField
      label={props.label}
      rules={NUMBER_RULES}
      value={text}
      onChange={(next) => {
        setText(next);
        const reading = numbers.read(next, NUMBER_RULES);
        if (reading.kind === "number") props.onChange(String(reading.value));
        else if (reading.kind === "empty") props.onChange(null);
      }}
    />
  );
}

interface InputsProps {
  /** The entity's live fields; the drawer offers the filterable ones. */
  fields: readonly CustomField[];
  value: Record<string, string>;
  onChange: (next: Record<string, string>) => void;
}

/** One input per filterable custom field, fitting its type; changes apply at once. */
export function CustomFieldFilterInputs({ fields, value, onChange }: InputsProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const set = (param: string, next: string | null) => {
    const { [param]: _old, ...rest } = value;
    onChange(next === null || next === "" ? rest : { ...rest, [param]: next });
  };
  const filterable = fields.filter((f) => f.filterable && f.type !== "long_text" && f.type !== "user");
  if (filterable.length === 0) return null;
  return (
    <Stack gap="md">
      {filterable.map((field) => {
        const label = field.label[lang];
        const param = `cf.${field.key}`;
        switch (field.type) {
          case "choice":
          case "multi_choice":
            return (
              <MultiSelect
                key={field.key}
                label={label}
                data={field.options.map((o) => ({ value: o.value, label: o.label[lang] }))}
                value={(value[param] ?? "").split(",").filter(Boolean)}
                onChange={(values) => set(param, values.join(","))}
                clearable
                placeholder={value[param] ? undefined : t("leads.filter.anyPlaceholder")}
              />
            );
          case "number":
          case "money":
            return (
              <Group key={field.key} grow align="flex-start">
                <NumberBound
                  label={t("customFields.filter.from", { label })}
                  value={value[`${param}[gte]`]}
                  onChange={(v) => set(`${param}[gte]`, v)}
                />
                <NumberBound
                  label={t("customFields.filter.to", { label })}
                  value={value[`${param}[lte]`]}
                  onChange={(v) => set(`${param}[lte]`, v)}
                />
              </Group>
            );
          case "date":
            return (
              <Group key={field.key} grow align="flex-start">
                <TextInput
                  type="date"
                  label={t("customFields.filter.from", { label })}
                  value={value[`${param}[gte]`] ?? ""}
                  onChange={(e) => set(`${param}[gte]`, e.currentTarget.value)}
                />
                <TextInput
                  type="date"
                  label={t("customFields.filter.to", { label })}
                  value={value[`${param}[lte]`] ?? ""}
                  onChange={(e) => set(`${param}[lte]`, e.currentTarget.value)}
                />
              </Group>
            );
          case "checkbox":
            return (
              <Stack key={field.key} gap={4}>
                <Text size="sm" fw={500} id={`cf-filter-${field.key}`}>
                  {label}
                </Text>
                <SegmentedControl
                  aria-labelledby={`cf-filter-${field.key}`}
                  value={value[param] ?? "any"}
                  onChange={(v) => set(param, v === "any" ? null : v)}
                  data={[
                    { value: "any", label: t("leads.filter.any") },
                    { value: "true", label: t("leads.filter.yes") },
                    { value: "false", label: t("leads.filter.no") },
                  ]}
                />
              </Stack>
            );
          default:
            return (
              <TextInput
                key={field.key}
                label={label}
                description={t("customFields.filter.exact")}
                value={value[param] ?? ""}
                onChange={(e) => set(param, e.currentTarget.value)}
              />
            );
        }
      })}
    </Stack>
  );
}
