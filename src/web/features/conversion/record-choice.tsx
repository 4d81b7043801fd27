import { Badge, Group, Radio, Stack, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface ChoiceOption {
  value: string;
  label: string;
  description?: string | null;
  /** Why a suggested record looks like the lead (server reason codes). */
  reasons?: readonly string[];
}

interface RecordChoiceProps {
  label: string;
  value: string;
  options: ChoiceOption[];
  onChange: (value: string) => void;
  error?: ReactNode;
}

/** One radio card per choice (new, each suggestion with its reasons, none); arrow keys move between them. */
export function RecordChoice({ label, value, options, onChange, error }: RecordChoiceProps) {
  const { t } = useTranslation();
  return (
    <Radio.Group label={label} value={value} onChange={onChange} error={error}>
      <Stack gap={6} mt={6}>
        {options.map((option) => (
          <Radio.Card key={option.value} value={option.value} radius="md" p="xs" withBorder>
            <Group wrap="nowrap" align="flex-start" gap="sm">
              <Radio.Indicator mt={2} />
              <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
                <Text size="sm" fw={500} truncate>
                  {option.label}
                </Text>
                {option.description && (
                  <Text size="xs" c="dimmed" truncate>
                    {option.description}
                  </Text>
                )}
                {option.reasons && option.reasons.length > 0 && (
                  <Group gap={4}>
                    {option.reasons.map((reason) => (
                      <Badge key={reason} size="xs" variant="light" color="grape">
                        {t(`conversion.reasons.${reason}`, { defaultValue: reason })}
                      </Badge>
                    ))}
                  </Group>
                )}
              </Stack>
            </Group>
          </Radio.Card>
        ))}
      </Stack>
    </Radio.Group>
  );
}
