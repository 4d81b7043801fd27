import { SCORE_FIELDS } from "@domain/leads/score";
import type { WinModelField } from "@domain/leads/win-model/win-features";
import { Alert, Button, Checkbox, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import type { WinModelReport } from "@shared/schemas/win-model";
import { IconAlertTriangle, IconPlayerPlay } from "@tabler/icons-react";
import { notifyError, notifySuccess } from "@web/components/notify";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useTrainWinModel, useWinModelFields, useWinModelReport } from "./win-model-api";

/** Settings → Win probability (admins): the learned model's quality on held-out leads, training and fields. */
export function WinModelPage() {
  const { t } = useTranslation();
  const report = useWinModelReport();
  const train = useTrainWinModel();
  const busy = report.data?.training.state === "queued" || report.data?.training.state === "running";
  return (
    <>
      <PageHeader
        order={2}
        title={t("settings.winModel")}
        description={t("winModel.report.description")}
        actions={
          <Button
            leftSection={<IconPlayerPlay size={16} aria-hidden />}
            loading={train.isPending || busy}
            onClick={() => train.mutate(undefined, { onError: (error) => notifyError(error) })}
          >
            {t("winModel.report.train")}
          </Button>
        }
      />
      <QueryStates query={report} />
      {report.data && <WinModelReportView report={report.data} />}
    </>
  );
}

function WinModelReportView({ report }: { report: WinModelReport }) {
  const { t } = useTranslation();
  const format = useFormat();
  const percent = (value: number) => format.number(value, { style: "percent", maximumFractionDigits: 0 });
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {[
          report.trainedAt
            ? t("winModel.report.trainedAt", { date: format.dateTime(report.trainedAt) })
            : t("winModel.report.neverTrained"),
          report.training.nextRunAt
            ? t("winModel.report.nextRun", { date: format.dateTime(report.training.nextRunAt) })
            : null,
          report.training.state === "failed" ? t("winModel.report.failed") : null,
        ]
          .filter(Boolean)
          .join(" · ")}
      </Text>
      {report.state === "too_little_history" && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t("winModel.report.tooLittleTitle")}
        >
          {t("winModel.report.tooLittle", {
            examples: format.number(report.examples),
            won: format.number(report.won),
            minExamples: format.number(report.minExamples),
            minPerOutcome: format.number(report.minPerOutcome),
          })}
        </Alert>
      )}
      {report.state === "no_signal" && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t("winModel.report.noSignalTitle")}
        >
          {t("winModel.report.noSignal", {
            auc: format.number(report.auc ?? 0.5, { maximumFractionDigits: 2 }),
            minAuc: format.number(report.minAuc, { maximumFractionDigits: 2 }),
          })}
        </Alert>
      )}
      {report.auc !== null && (
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Figure
            label={t("winModel.report.auc")}
            value={format.number(report.auc, { maximumFractionDigits: 2 })}
          />
          <Figure label={t("winModel.report.examples")} value={format.number(report.examples)} />
          <Figure
            label={t("winModel.report.wonShare")}
            value={percent(report.examples > 0 ? report.won / report.examples : 0)}
          />
          <Figure label={t("winModel.report.holdout")} value={format.number(report.holdoutCount)} />
        </SimpleGrid>
      )}
      {report.auc !== null && (
        <Text size="sm" c="dimmed">
          {t("winModel.report.aucHint")}
        </Text>
      )}
      {report.calibration.length > 0 && (
        <Paper withBorder radius="md" p="md">
          <Title order={3} size="h5" mb="xs">
            {t("winModel.report.calibrationTitle")}
          </Title>
          <Text size="sm" c="dimmed" mb="sm">
            {t("winModel.report.calibrationHint")}
          </Text>
          <Table striped fz="sm" style={{ fontVariantNumeric: "tabular-nums" }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("winModel.report.decile")}</Table.Th>
                <Table.Th ta="right">{t("winModel.report.count")}</Table.Th>
                <Table.Th ta="right">{t("winModel.report.predicted")}</Table.Th>
                <Table.Th ta="right">{t("winModel.report.observed")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.calibration.map((row) => (
                <Table.Tr key={row.decile}>
                  <Table.Td>{t("winModel.report.decileN", { n: row.decile })}</Table.Td>
                  <Table.Td ta="right">{format.number(row.count)}</Table.Td>
                  <Table.Td ta="right">{percent(row.predicted)}</Table.Td>
                  <Table.Td ta="right">{percent(row.observed)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <WinModelFieldsForm chosen={report.fields} />
    </Stack>
  );
}

function Figure({ label, value }: { label: string; value: string }) {
  return (
    <Paper withBorder radius="md" p="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="lg" style={{ fontVariantNumeric: "tabular-nums" }}>
        {value}
      </Text>
    </Paper>
  );
}

function WinModelFieldsForm({ chosen }: { chosen: WinModelField[] }) {
  const { t } = useTranslation();
  const save = useWinModelFields();
  const [fields, setFields] = useState<string[]>(chosen);
  return (
    <Paper withBorder radius="md" p="md">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          save.mutate(
            { fields: SCORE_FIELDS.filter((f) => fields.includes(f)) },
            {
              onSuccess: () => notifySuccess(t("winModel.report.fieldsSaved")),
              onError: (e) => notifyError(e),
            },
          );
        }}
      >
        <Checkbox.Group
          label={t("winModel.report.fieldsLabel")}
          description={t("winModel.report.fieldsHint")}
          value={fields}
          onChange={setFields}
        >
          <Group gap="md" mt="xs">
            {SCORE_FIELDS.map((field) => (
              <Checkbox key={field} value={field} label={t(`leads.fields.${field}`)} />
            ))}
          </Group>
        </Checkbox.Group>
        <Group justify="flex-end" mt="sm">
          <Button type="submit" variant="light" loading={save.isPending}>
            {t("winModel.report.saveFields")}
          </Button>
        </Group>
      </form>
    </Paper>
  );
}
