import {
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { IMPORT_FIELD_LABELS, IMPORT_OUTCOMES } from "@shared/schemas/import";
import { notifyError } from "@web/components/notify";
import { QueryStates } from "@web/components/query-states";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import {
  type Import,
  type ImportRow,
  importsApi,
  type Outcome,
  useImportChange,
  useImportRows,
} from "./imports-api";
import { useImportCustomFields } from "./use-import-custom-fields";

export const OUTCOME_COLOR: Record<Outcome, string> = {
  create: "teal",
  update: "blue",
  duplicate: "yellow",
  linked: "grape",
  error: "red",
  skipped: "gray",
};

const RECORD_PATHS: Record<string, string> = {
  lead: "leads",
  contact: "contacts",
  company: "companies",
  deal: "deals",
};

/** Changed fields that are no import column: the link a row sets, a company's address as one. */
const CHANGE_LABELS: Record<string, string> = {
  companyId: "contacts.fields.company",
  billingAddress: "companies.fields.billingAddress",
};

/** A value old or new as the salesperson reads it: amounts as money, days as dates, addresses joined. */
function shown(value: unknown, format: ReturnType<typeof useFormat>): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "number") return format.number(value);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value)) return format.date(value);
  if (typeof value === "object") {
    const money = value as { amount?: string; currency?: string };
    if (money.amount !== undefined && money.currency)
      return format.money({ amount: Number(money.amount), currency: money.currency });
    return Object.values(value as Record<string, unknown>)
      .filter((v) => v !== null && v !== undefined && v !== "")
      .join(", ");
  }
  return String(value);
}

/** A row's reasons in a sentence: the errors, the duplicate and its key, the changes old → new. */
export function RowDetail({
  row,
  entity,
  custom,
}: {
  row: ImportRow;
  entity: Import["entity"];
  /** The entity's custom fields (use-import-custom-fields.ts): a `cf.<key>` change shows their words. */
  custom?: Pick<ReturnType<typeof useImportCustomFields>, "fieldLabel" | "optionLabel">;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const detail = row.detail ?? {};
  const lines: string[] = [];
  const errors = (detail.errors ?? []) as {
    column?: string;
    code?: string;
    params?: Record<string, string>;
  }[];
  for (const e of errors)
    lines.push(
      `${e.column ?? ""}: ${
        e.code
          ? t(`serverErrors.${e.code}` as "serverErrors.import_number_invalid", {
              example: e.params?.example ?? "",
            })
          : ""
      }`,
    );
  const dup = detail.duplicateOf as { kind: string; id?: string; rowNo?: number; key: string } | undefined;
  const path = dup ? RECORD_PATHS[dup.kind] : undefined;
  const leadLink =
    path && dup?.id ? (
      <Anchor component={Link} to={`/${path}/${dup.id}`} size="xs" target="_blank">
        {t(dup.kind === "lead" ? "imports.dryRun.duplicateOfLead" : "imports.dryRun.duplicateOfRecord", {
          key: t(`imports.match.${dup.key as "email"}`),
        })}
      </Anchor>
    ) : null;
  if (dup?.kind === "row")
    lines.push(
      t("imports.dryRun.duplicateOfRow", { row: dup.rowNo, key: t(`imports.match.${dup.key as "email"}`) }),
    );
  if (row.outcome === "linked") lines.push(t("imports.dryRun.linkedTo"));
  for (const link of (detail.newLinks ?? []) as { name: string }[])
    lines.push(t("imports.dryRun.newLink", { name: link.name }));
  const changes = (detail.changes ?? {}) as Record<string, { from: unknown; to: unknown }>;
  const labels = IMPORT_FIELD_LABELS[entity];
  // A custom value as the user reads it: a choice by its label, a checkbox as yes or no.
  const value = (field: string, v: unknown): unknown => {
    if (!custom || !field.startsWith("cf.")) return v;
    if (typeof v === "boolean") return t(v ? "customFields.yes" : "customFields.no");
    if (typeof v === "string") return custom.optionLabel(field, v) ?? v;
    if (Array.isArray(v))
      return v.map((x) => (typeof x === "string" ? (custom.optionLabel(field, x) ?? x) : x));
    return v;
  };
  for (const [field, change] of Object.entries(changes))
    lines.push(
      t("imports.dryRun.change", {
        field:
          custom?.fieldLabel(field) ?? t((labels[field] ?? CHANGE_LABELS[field] ?? field) as "imports.title"),
        from: shown(value(field, change.from), format),
        to: shown(value(field, change.to), format),
      }),
    );
  return (
    <Stack gap={0}>
      {leadLink}
      <Text size="xs" style={{ whiteSpace: "pre-line" }}>
        {lines.join("\n")}
      </Text>
    </Stack>
  );
}

/** Step 3: the counts and a preview filtered by outcome; then start (or go back to the mapping). */
export function ImportDryRun({ imp, onBack }: { imp: Import; onBack: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [outcome, setOutcome] = useState<Outcome | "all">("all");
  const rows = useImportRows(imp.id, outcome === "all" ? null : outcome, imp.status);
  const custom = useImportCustomFields(imp);
  const start = useImportChange(() => importsApi.action(imp.id, "start"));
  const shown = imp.columns.slice(0, 5);
  const data = rows.data?.data ?? [];

  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md" component="section" aria-label={t("imports.dryRun.title")}>
        <Title order={2} size="h5" mb="sm">
          {t("imports.dryRun.title")}
        </Title>
        <Group gap="xs" mb="md">
          {IMPORT_OUTCOMES.filter((o) => o !== "skipped").map((o) => (
            <Badge key={o} color={OUTCOME_COLOR[o]} variant="light" size="lg">
              {t(`imports.outcome.${o}`)}: {format.number(imp.counts[o])}
            </Badge>
          ))}
        </Group>
        <SegmentedControl
          value={outcome}
          onChange={(v) => setOutcome(v as Outcome | "all")}
          data={[
            { value: "all", label: t("imports.outcome.all") },
            ...IMPORT_OUTCOMES.filter((o) => o !== "skipped").map((o) => ({
              value: o,
              label: t(`imports.outcome.${o}`),
            })),
          ]}
          mb="sm"
        />
        <QueryStates
          query={rows}
          isEmpty={data.length === 0}
          emptyText={t("imports.dryRun.nothing")}
          compact
        />
        {data.length > 0 && (
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing={4} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={60}>{t("imports.dryRun.row")}</Table.Th>
                  <Table.Th w={150}>{t("imports.dryRun.what")}</Table.Th>
                  {shown.map((c) => (
                    <Table.Th key={c}>{c}</Table.Th>
                  ))}
                  <Table.Th>{t("imports.dryRun.why")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.map((row) => (
                  <Table.Tr key={row.rowNo}>
                    <Table.Td>{row.rowNo + 1}</Table.Td>
                    <Table.Td>
                      {row.outcome && (
                        <Badge color={OUTCOME_COLOR[row.outcome]} variant="light">
                          {t(`imports.outcome.${row.outcome}`)}
                        </Badge>
                      )}
                    </Table.Td>
                    {shown.map((c, i) => (
                      <Table.Td key={c}>
                        <Text size="sm" lineClamp={1} maw={240}>
                          {row.cells[i] ?? ""}
                        </Text>
                      </Table.Td>
                    ))}
                    <Table.Td>
                      <RowDetail row={row} entity={imp.entity} custom={custom} />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <Group justify="space-between">
        <Button variant="default" onClick={onBack}>
          {t("imports.dryRun.back")}
        </Button>
        <Button
          onClick={() => start.mutate(undefined, { onError: (error) => notifyError(error) })}
          loading={start.isPending}
        >
          {t("imports.dryRun.start")}
        </Button>
      </Group>
    </Stack>
  );
}
