import { Select, Stack, Text } from "@mantine/core";
import { useVatRateOptions } from "./use-letterhead";

interface Props {
  value: string;
  onChange: (rate: string) => void;
  label?: string;
  "aria-label"?: string;
  error?: string | undefined;
  disabled?: boolean;
}

/** The offered VAT rates: the field shows "19 %", the list also the admin's note of each rate. */
export function VatRateSelect({ value, onChange, ...rest }: Props) {
  const options = useVatRateOptions([value]);
  const notes = new Map(options.map((o) => [o.value, o.note]));
  return (
    <Select
      {...rest}
      data={options.map(({ value: v, label }) => ({ value: v, label }))}
      value={value}
      allowDeselect={false}
      comboboxProps={{ width: 280, position: "bottom-start" }}
      renderOption={({ option }) => (
        <Stack gap={0}>
          <Text size="sm">{option.label}</Text>
          {notes.get(option.value) && (
            <Text size="xs" c="dimmed">
              {notes.get(option.value)}
            </Text>
          )}
        </Stack>
      )}
      onChange={(v) => v && onChange(v)}
    />
  );
}
