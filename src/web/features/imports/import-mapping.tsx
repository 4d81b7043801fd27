import { Button, Chip, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import {
  DUPLICATE_POLICIES,
  type DuplicatePolicy,
  IMPORT_FIELD_LABELS,
  LINK_POLICIES,
  type LinkPolicy,
  MATCH_KEYS,
} from "@shared/schemas/import";
import { notifyError } from "@web/components/notify";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ImportTemplates, type MappingState } from "./import-templates";
import { ImportValueMapping } from "./import-value-mapping";
import { type Import, importsApi, type UploadInput, useImportChange, useImportRows } from "./imports-api";
import { useImportCustomFields } from "./use-import-custom-fields";

interface ImportMappingProps {
  imp: Import;
  /** The uploaded file while the page is open: to read it again with a corrected separator or encoding. */
  upload: UploadInput | null;
  onReread: (imp: Import, input: UploadInput) => void;
  /** The dry run is there: show it. */
  onComputed: () => void;
}

/** Step 2: what was detected (and may be corrected), each column's field, the duplicate policy. */
export function ImportMapping({ imp: given, upload, onReread, onComputed }: ImportMappingProps) {
  const { t } = useTranslation();
  // The entity's custom fields are targets too (`cf.<key>`), labelled as the forms label them.
  const custom = useImportCustomFields(given);
  const imp = custom.imp;
  const format = useFormat();
  const [mapping, setMapping] = useState<Record<string, string | null>>(imp.mapping);
  const [policy, setPolicy] = useState<DuplicatePolicy>(imp.duplicatePolicy);
  const [matchOn, setMatchOn] = useState<string[]>(imp.matchOn);
  const [linkPolicy, setLinkPolicy] = useState<LinkPolicy>(imp.linkPolicy);
  const [valueMapping, setValueMapping] = useState<Record<string, Record<string, string>>>(imp.valueMapping);
  const [valuesOf, setValuesOf] = useState<string | null>(null);
  const applyTemplate = (state: MappingState) => {
    setMapping(state.columns);
    setValueMapping(state.valueMapping);
    setPolicy(state.duplicatePolicy);
    setMatchOn(state.matchOn.filter((k) => (imp.matchKeys as readonly string[]).includes(k)));
    setLinkPolicy(state.linkPolicy);
  };
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
      linkPolicy,
      valueMapping,
      locale: format.locale.startsWith("de") ? "de" : "en",
    }),
  );
  const labels = IMPORT_FIELD_LABELS[imp.entity];
  const fieldOptions = [
    { value: "", label: t("imports.mapping.ignore") },
    // The fields' words as the entity's form shows them.
    ...imp.fields.map((f) => ({
      value: f,
      label: custom.fieldLabel(f) ?? t((labels[f] ?? f) as "imports.title"),
    })),
  ];
  const [sheet, setSheet] = useState(imp.detected.sheet ?? imp.sheets[0] ?? "");
  const reread = async () => {
    if (!upload) return;
    setRereading(true);
    try {
      const input =
        imp.detected.format === "xlsx" ? { ...upload, sheet } : { ...upload, delimiter, encoding };
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
          {imp.detected.format === "xlsx" && imp.sheets.length > 1 && (
            <>
              <Select
                label={t("imports.detected.sheet")}
                description={t("imports.detected.sheets", { count: imp.sheets.length })}
                value={sheet}
                onChange={(v) => setSheet(v ?? sheet)}
                allowDeselect={false}
                data={imp.sheets}
              />
              <Group align="flex-end">
                <Button
                  variant="default"
                  onClick={() => void reread()}
                  loading={rereading}
                  disabled={!upload || sheet === (imp.detected.sheet ?? imp.sheets[0])}
                >
                  {t("imports.detected.reupload")}
                </Button>
              </Group>
            </>
          )}
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
        <ImportTemplates
          imp={imp}
          state={{ columns: mapping, valueMapping, duplicatePolicy: policy, matchOn, linkPolicy }}
          onApply={applyTemplate}
        />
        <Table.ScrollContainer minWidth={600}>
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("imports.mapping.column")}</Table.Th>
                <Table.Th>{t("imports.mapping.example")}</Table.Th>
                <Table.Th w={280}>{t("imports.mapping.field")}</Table.Th>
                <Table.Th w={150} />
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
                  <Table.Td>
                    {mapping[column] && imp.choices[mapping[column] ?? ""] && (
                      <Button
                        variant={valuesOf === column ? "light" : "subtle"}
                        size="compact-sm"
                        onClick={() => setValuesOf(valuesOf === column ? null : column)}
                        aria-expanded={valuesOf === column}
                      >
                        {t("imports.mapping.valueMapping")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        {valuesOf && mapping[valuesOf] && (
          <ImportValueMapping
            imp={imp}
            column={valuesOf}
            field={mapping[valuesOf] ?? ""}
            value={valueMapping[mapping[valuesOf] ?? ""] ?? {}}
            onChange={(next) => setValueMapping({ ...valueMapping, [mapping[valuesOf] ?? ""]: next })}
          />
        )}
      </Paper>

      <Paper withBorder p="md" radius="md">
        <Stack gap="sm">
          <Select
            label={t(imp.entity === "lead" ? "imports.mapping.policy" : "imports.mapping.policyRecord")}
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
                {imp.matchKeys.map((k) => (
                  <Chip key={k} value={k} size="sm">
                    {t(`imports.match.${k}`)}
                  </Chip>
                ))}
              </Group>
            </Chip.Group>
          </div>
          {(imp.entity === "deal" || imp.entity === "contact") && (
            <Select
              label={t("imports.mapping.linkPolicy")}
              value={linkPolicy}
              onChange={(v) => setLinkPolicy((v as LinkPolicy | null) ?? "find")}
              allowDeselect={false}
              maw={360}
              data={LINK_POLICIES.map((p) => ({ value: p, label: t(`imports.linkPolicy.${p}`) }))}
            />
          )}
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
