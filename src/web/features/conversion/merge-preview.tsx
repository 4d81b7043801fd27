import { SegmentedControl, Stack, Table, Text, Title } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { useTranslation } from "react-i18next";
import type { ConversionSuggestions } from "./conversion-api";
import type { ConvertValues } from "./convert-form-values";
import { type MergeChoice, mergePreviewOf } from "./merge-choices";

type Form = UseFormReturnType<ConvertValues>;
type Part = "contact" | "company";

/**
 * Field by field, what the lead has and what the chosen existing record has, with a choice per row
 * (keep, take the lead's, keep both for emails and phones). Shown for a chosen contact and company
 * that differ from the lead; the choices travel as `merge` in the conversion request.
 */
export function MergePreview({ form, suggestions }: { form: Form; suggestions: ConversionSuggestions }) {
  const values = form.getValues();
  const parts = (["contact", "company"] as const).filter((part) => {
    const preview = mergePreviewOf(suggestions, part, values[part].choice);
    return preview && (!preview.allowed || preview.fields.length > 0);
  });
  if (parts.length === 0) return null;
  return (
    <Stack gap="md">
      {parts.map((part) => (
        <MergeTable key={part} part={part} form={form} suggestions={suggestions} />
      ))}
    </Stack>
  );
}

function MergeTable({
  part,
  form,
  suggestions,
}: {
  part: Part;
  form: Form;
  suggestions: ConversionSuggestions;
}) {
  const { t } = useTranslation();
  const values = form.getValues();
  const preview = mergePreviewOf(suggestions, part, values[part].choice);
  if (!preview) return null;
  const title = t(`conversion.merge.title.${part}`);
  if (!preview.allowed)
    return (
      <Stack gap={4}>
        <Title order={3} size="h5">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {t(`conversion.merge.notAllowed.${part}`)}
        </Text>
      </Stack>
    );
  const recordHeader = t(`conversion.merge.recordValue.${part}`);
  return (
    <Stack gap={4}>
      <Title order={3} size="h5" id={`merge-${part}-title`}>
        {title}
      </Title>
      <Text size="sm" c="dimmed">
        {t(`conversion.merge.intro.${part}`)}
      </Text>
      <Table.ScrollContainer minWidth={720}>
        <Table aria-labelledby={`merge-${part}-title`} verticalSpacing={6} layout="fixed">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="16%">{t("conversion.merge.field")}</Table.Th>
              <Table.Th w="25%">{t("conversion.merge.leadValue")}</Table.Th>
              <Table.Th w="25%">{recordHeader}</Table.Th>
              <Table.Th w="34%">{t("conversion.merge.choice")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {preview.fields.map((row) => {
              const label = t(`conversion.merge.fields.${part}.${row.field}`, { defaultValue: row.field });
              const path = `merge.${part}.${row.field}` as const;
              const error = form.errors[path];
              return (
                <Table.Tr key={row.field}>
                  <Table.Th scope="row" fw={500}>
                    {label}
                  </Table.Th>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>{row.lead}</Table.Td>
                  <Table.Td style={{ overflowWrap: "anywhere" }}>
                    {row.record ?? (
                      <Text span size="sm" c="dimmed" fs="italic">
                        {t("conversion.merge.empty")}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <SegmentedControl
                      size="xs"
                      fullWidth
                      aria-label={label}
                      name={path}
                      value={values.merge[part][row.field] ?? row.suggested}
                      onChange={(choice) =>
                        form.setFieldValue(`merge.${part}.${row.field}`, choice as MergeChoice)
                      }
                      data={row.choices.map((choice) => ({
                        value: choice,
                        label: t(`conversion.merge.choices.${choice}`),
                      }))}
                    />
                    {error && (
                      <Text size="xs" c="red" mt={2}>
                        {error}
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
