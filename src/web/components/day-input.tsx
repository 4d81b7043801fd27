import { DateInput, type DateInputProps } from "@mantine/dates";
import dayjs from "dayjs";
import customParseFormat from "dayjs/plugin/customParseFormat";
import { useTranslation } from "react-i18next";

dayjs.extend(customParseFormat);

/** What a German types (23.12.2026, 23.12.26) and what an English user does (23/12/2026, 23 Dec 2026). */
const FORMATS = {
  de: { show: "DD.MM.YYYY", read: ["DD.MM.YYYY", "D.M.YYYY", "DD.MM.YY", "D.M.YY", "YYYY-MM-DD"] },
  en: { show: "D MMM YYYY", read: ["D MMM YYYY", "DD MMM YYYY", "DD/MM/YYYY", "D/M/YYYY", "YYYY-MM-DD"] },
} as const;

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
  const format = FORMATS[i18n.language === "de" ? "de" : "en"];
  return (
    <DateInput
      {...rest}
      value={value}
      onChange={(day) => onChange(day ? dayjs(day).format("YYYY-MM-DD") : null)}
      valueFormat={format.show}
      dateParser={(text) => {
        const parsed = dayjs(text.trim(), [...format.read], i18n.language === "de" ? "de" : "en", true);
        return parsed.isValid() ? parsed.format("YYYY-MM-DD") : null;
      }}
    />
  );
}
