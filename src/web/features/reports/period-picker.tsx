import { Group, Select } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { useTranslation } from "react-i18next";
import { isPeriodKind, PERIODS, type PeriodKind } from "./report-period";

interface PeriodPickerProps {
  kind: PeriodKind;
  from: string;
  to: string;
  onChange: (next: { kind: PeriodKind; from?: string; to?: string }) => void;
}

/** Month, quarter, year, the last twelve months or a custom range of days. */
export function PeriodPicker({ kind, from, to, onChange }: PeriodPickerProps) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap">
      <Select
        size="sm"
        w={190}
        aria-label={t("reports.period.label")}
        value={kind}
        allowDeselect={false}
        data={PERIODS.map((p) => ({ value: p, label: t(`reports.period.${p}`) }))}
        onChange={(value) => {
          if (isPeriodKind(value)) onChange({ kind: value, from, to });
        }}
      />
      {kind === "custom" && (
        <DatePickerInput
          size="sm"
          type="range"
          w={260}
          aria-label={`${t("reports.period.from")} – ${t("reports.period.to")}`}
          valueFormat="ll"
          value={[from, to]}
          onChange={([start, end]) => {
            if (start && end) onChange({ kind, from: start, to: end });
          }}
        />
      )}
    </Group>
  );
}
