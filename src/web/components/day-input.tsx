import { DateInput, type DateInputProps } from "@mantine/dates";
import { DAY_FORMATS, parseTypedDay } from "@shared/day-text";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";

interface Props extends Omit<DateInputProps, "value" | "onChange" | "valueFormat" | "dateParser"> {
  /** YYYY-MM-DD or null. */
  value: string | null;
  onChange: (day: string | null) => void;
}

/**
 * A calendar day in the user's language: shown and typed as 23.12.2026 in German (DIN 5008) and
 * 23 Dec 2026 in English, picked from Mantine's calendar, handed on as YYYY-MM-DD.
 */
export function DayInput({ value, onChange, ...rest }: Props) {
  const { i18n } = useTranslation();
  const locale = i18n.language === "de" ? "de" : "en";
  return (
    <DateInput
      {...rest}
      value={value}
      onChange={(day) => onChange(day ? dayjs(day).format("YYYY-MM-DD") : null)}
      valueFormat={DAY_FORMATS[locale].show}
      dateParser={(text) => parseTypedDay(text, locale)}
    />
  );
}
