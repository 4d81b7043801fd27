import { Button, Chip, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import {
  DUPLICATE_POLICIES,
  type DuplicatePolicy,
  LEAD_IMPORT_FIELDS,
  type LeadImportField,
  MATCH_KEYS,
} from "@shared/schemas/import";
import { notifyError } from "@web/components/notify";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Import, importsApi, type UploadInput, useImportChange, useImportRows } from "./imports-api";

interface ImportMappingProps {
  imp: Import;
  /** The uploaded file while the page is open: to read it again with a corrected separator or encoding. */
  upload: UploadInput | null;
  onReread: (imp: Import, input: UploadInput) => void;
  /** The dry run is there: show it. */
  onComputed: () => void;
}

const isLeadField = (field: string): field is LeadImportField =>
  (LEAD_IMPORT_FIELDS as readonly string[]).includes(field);

/** Step 2: what was detected (and may be corrected), each column's field, the duplicate policy. */
export function ImportMapping({ imp, upload, onReread, onComputed }: ImportMappingProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const [mapping, setMapping] = useState<Record<string, string | null>>(imp.mapping);
  const [policy, setPolicy] = useState<DuplicatePolicy>(imp.duplicatePolicy);
  const [matchOn, setMatchOn] = useState<string[]>(imp.matchOn.length ? imp.matchOn : ["email", "phone"]);
  const [delimiter, setDelimiter] = useState(imp.detected.delimiter ?? ";");
  const [encoding, setEncoding] = useState(imp.detected.encoding ?? "utf-8");
  const [rereading, setRereading] = useState(false);
  const sample = useImportRows(imp.id, null, "sample");
  const dryRun = useImportChange(() =>
    importsApi.mapping(imp.id, {
      columns: mapping,
      duplicatePolicy: policy,
      matchOn: matchOn.filter((k): k is (typeof MATCH_KEYS)[number] =>
        (MATCH_KEYS as readonly string[]).includes(k),
      ),
      locale: format.locale.startsWith("de") ? "de" : "en",
    }),
  );
  const fieldOptions = [
    { value: "", label: t("imports.mapping.ignore") },
    // The lead fields' words as the lead form shows them.
    ...imp.fields.filter(isLeadField).map((f) => ({
      value: f,
      label: f === "vatId" ? t("companies.fields.vatId") : t(`leads.fields.${f}`),
    })),
  ];
  const reread = async () => {
    if (!upload) return;
    setRereading(true);
    try {
      const input = { ...upload, delimiter, encoding };
      onReread(await importsApi.upload(input), input);
    } catch (error) {
      notifyError(error);
    } finally {
      setRereading(false);
    }
  };
  const example = (index: number) =>
    (sample.data?.data ?? [])
      .map((row) => row.cells[index] ?? "")
      .filter(Boolean)
      .slice(0, 2)
      .join(" · ");

  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md" component="section" aria-label={t("imports.detected.title")}>
        <Title order={2} size="h5" mb="sm">
          {t("imports.detected.title")}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 4 }}>
          <Text size="sm">
            {t("imports.detected.format")}: <b>{imp.detected.format.toUpperCase()}</b>
            <br />
            {t("imports.detected.rows")}: <b>{format.number(imp.counts.total)}</b>
          </Text>
          {imp.detected.format === "csv" && (
            <>
              <Select
                label={t("imports.detected.delimiter")}
                value={delimiter}
                onChange={(v) => setDelimiter(v ?? ";")}
                allowDeselect={false}
                data={[
                  { value: ";", label: t("imports.detected.semicolon") },
                  { value: ",", label: t("imports.detected.comma") },
                  { value: "\t", label: t("imports.detected.tab") },
                ]}
              />
              <Select
                label={t("imports.detected.encoding")}
                value={encoding}
                onChange={(v) => setEncoding(v ?? "utf-8")}
                allowDeselect={false}
                data={[
                  { value: "utf-8", label: "UTF-8" },
                  { value: "windows-1252", label: "Windows-1252 (Excel)" },
                ]}
              />
              <Group align="flex-end">
                <Button
                  variant="default"
                  onClick={() => void reread()}
                  loading={rereading}
                  disabled={
                    !upload || (delimiter === imp.detected.delimiter && encoding === imp.detected.encoding)
                  }
                >
                  {t("imports.detected.reupload")}
                </Button>
              </Group>
            </>
          )}
        </SimpleGrid>
      </Paper>

      <Paper withBorder p="md" radius="md" component="section" aria-label={t("imports.mapping.title")}>
        <Title order={2} size="h5" mb="sm">
          {t("imports.mapping.title")}
        </Title>
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("imports.mapping.column")}</Table.Th>
                <Table.Th>{t("imports.mapping.example")}</Table.Th>
                <Table.Th w={280}>{t("imports.mapping.field")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {imp.columns.map((column, index) => (
                <Table.Tr key={column}>
                  <Table.Td fw={500}>{column}</Table.Td>
                  <Table.Td c="dimmed" maw={320} style={{ overflow: "hidden", textOverflow: "ellipsis" }}>
                    {example(index)}
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={`${t("imports.mapping.field")}: ${column}`}
                      data={fieldOptions}
                      value={mapping[column] ?? ""}
                      onChange={(value) => setMapping({ ...mapping, [column]: value ? value : null })}
                      allowDeselect={false}
                      searchable
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Select
            label={t("imports.mapping.policy")}
            value={policy}
            onChange={(v) => setPolicy((v as DuplicatePolicy | null) ?? "skip")}
            allowDeselect={false}
            maw={360}
            data={DUPLICATE_POLICIES.map((p) => ({ value: p, label: t(`imports.policy.${p}`) }))}
          />
          <div>
            <Text size="sm" fw={500} mb={4}>
              {t("imports.mapping.matchOn")}
            </Text>
            <Chip.Group multiple value={matchOn} onChange={setMatchOn}>
              <Group gap="xs">
                {(["email", "phone"] as const).map((k) => (
                  <Chip key={k} value={k} size="sm">
                    {t(`imports.match.${k}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </div>
          <Group justify="flex-end">
            <Button
              onClick={() =>
                dryRun.mutate(undefined, { onSuccess: onComputed, onError: (error) => notifyError(error) })
              }
              loading={dryRun.isPending}
            >
              {t("imports.mapping.dryRun")}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </Stack>
  );
}
