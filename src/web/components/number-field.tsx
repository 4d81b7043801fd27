import { TextInput, type TextInputProps } from "@mantine/core";
import {
  formatEcho,
  formatForInput,
  type NumberReading,
  type NumberRules,
  numberExample,
  readNumber,
} from "@shared/locale-number";
import { useFormat } from "@web/i18n/use-format";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

export interface NumberReader {
  locale: string;
  read: (text: string, rules: NumberRules, currency?: string) => NumberReading;
  /** The message for text the field cannot take, or null when it is empty or a number. */
  error: (text: string, rules: NumberRules, currency?: string) => string | null;
  /** A stored number as the field shows it for editing; "" for none. */
  format: (value: number | null | undefined, rules: NumberRules) => string;
}

/** Reads number fields in the UI language, for forms that validate and build bodies from their text. */
export function useNumberReader(): NumberReader {
  const { t } = useTranslation();
  const { locale } = useFormat();
  return useMemo(() => {
    const read = (text: string, rules: NumberRules, currency?: string) =>
      readNumber(text, locale, rules, currency);
    const message = (reading: NumberReading, rules: NumberRules): string | null => {
      if (reading.kind !== "invalid") return null;
      const limit = (value: number | undefined) => formatForInput(value ?? 0, locale, rules);
      switch (reading.problem) {
        case "unreadable":
          return t("validation.number.unreadable", { example: numberExample(locale, rules) });
        case "decimals":
          return rules.maximumFractionDigits === 0
            ? t("validation.number.wholeOnly")
            : t("validation.number.decimals", { count: rules.maximumFractionDigits });
        case "negative":
          return t("validation.number.negative");
        case "below_min":
          return t("validation.number.belowMin", { min: limit(rules.min) });
        case "above_max":
          return t("validation.number.aboveMax", { max: limit(rules.max) });
        default: {
          const unhandled: never = reading.problem;
          return unhandled;
        }
      }
    };
    return {
      locale,
      read,
      error: (text, rules, currency) => message(read(text, rules, currency), rules),
      format: (value, rules) =>
        value === null || value === undefined || Number.isNaN(value)
          ? ""
          : formatForInput(value, locale, rules),
    };
  }, [t, locale]);
}

export interface NumberFieldProps extends Omit<TextInputProps, "value" | "onChange" | "defaultValue"> {
  /** The text as typed or pasted; the form keeps it, so nothing the user typed is lost. */
  value?: string;
  onChange: (text: string) => void;
  rules: NumberRules;
  /** For money: the echo shows the amount in this currency. */
  currency?: string;
}

/**
 * A number or money input that reads the user's locale ("12.500" in German, "12,500" in English, also
 * pasted "12.500,00 €"), echoes what it understood beneath ("= 12.500,00 €") and, once left, says
 * beside the field why it cannot read the text, which stays as typed (issue #15).
 */
export function NumberField({
  value = "",
  onChange,
  rules,
  currency,
  error,
  onBlur,
  description,
  ...props
}: NumberFieldProps) {
  const { t } = useTranslation();
  const numbers = useNumberReader();
  const [left, setLeft] = useState(false);
  const reading = numbers.read(value, rules, currency);
  const understood =
    reading.kind === "number" ? formatEcho(reading.value, numbers.locale, rules, currency) : undefined;
  // Only when it tells more than the text does ("35" needs no "= 35").
  const echo =
    understood !== undefined && understood !== value.trim()
      ? t("validation.number.echo", { value: understood })
      : undefined;
  const ownError = left ? numbers.error(value, rules, currency) : null;

  return (
    <TextInput
      inputMode={rules.maximumFractionDigits > 0 ? "decimal" : "numeric"}
      autoComplete="off"
      {...props}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      onBlur={(event) => {
        setLeft(true);
        onBlur?.(event);
      }}
      description={echo ?? description}
      inputWrapperOrder={["label", "input", "description", "error"]}
      error={error || ownError}
    />
  );
}
