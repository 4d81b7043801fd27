import { Select, Stack, Table, Text } from "@mantine/core";
import { QueryStates } from "@web/components/query-states";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { type Import, useColumnValues } from "./imports-api";
import { useImportCustomFields } from "./use-import-custom-fields";

interface ImportValueMappingProps {
  imp: Import;
  column: string;
  field: string;
  /** The file's value → the code chosen for it (unset: recognised automatically by its words). */
  value: Record<string, string>;
  onChange: (value: Record<string, string>) => void;
}

/** The UI words of a choice's codes: lead sources as the lead form names them, head-count bands as they are. */
export function useChoiceLabel() {
  const { t } = useTranslation();
  return (field: string, code: string) =>
    field === "source" || field === "leadSource"
      ? t(`leads.source.${code}` as "leads.source.web_form")
      : code;
}

/** Each distinct value of a choice column with a select of the field's choices ("Messe" → trade show). */
export function ImportValueMapping({ imp, column, field, value, onChange }: ImportValueMappingProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const values = useColumnValues(imp.id, column);
  const label = useChoiceLabel();
  const custom = useImportCustomFields(imp);
  const options = [
    { value: "", label: t("imports.mapping.automatic") },
    ...(custom.imp.choices[field] ?? []).map((code) => ({
      value: code,
      label: custom.optionLabel(field, code) ?? label(field, code),
    })),
  ];
  const data = values.data?.data ?? [];
  return (
    <Stack gap="xs">
      <Text size="sm" c="dimmed">
        {t("imports.mapping.valueMappingHint", { column })}
      </Text>
      <QueryStates query={values} isEmpty={data.length === 0} compact />
      {data.length > 0 && (
        <Table verticalSpacing={2} maw={620}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("imports.mapping.fileValue")}</Table.Th>
              <Table.Th w={280}>{t("imports.mapping.target")}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {data.map((row) => (
              <Table.Tr key={row.value}>
                <Table.Td>
                  {row.value}{" "}
                  <Text span size="xs" c="dimmed">
                    ({format.number(row.count)})
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Select
                    aria-label={`${t("imports.mapping.target")}: ${row.value}`}
                    data={options}
                    value={value[row.value] ?? ""}
                    allowDeselect={false}
                    onChange={(code) => {
                      const next = { ...value };
                      if (code) next[row.value] = code;
                      else delete next[row.value];
                      onChange(next);
                    }}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
