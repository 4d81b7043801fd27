import { Alert, Badge, Button, Group, Paper, Progress, Stack, Text, Title } from "@mantine/core";
import { IconDownload } from "@tabler/icons-react";
import { ConfirmDialog } from "@web/components/confirm-dialog";
import { notifyError } from "@web/components/notify";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { OUTCOME_COLOR } from "./import-dry-run";
import { type Import, importsApi, useImportChange } from "./imports-api";

const TITLES = {
  running: "imports.progress.title",
  done: "imports.progress.done",
  cancelled: "imports.progress.cancelled",
  failed: "imports.progress.failed",
  undoing: "imports.progress.undoing",
  undone: "imports.progress.undone",
} as const;

/** Step 4: the job's progress (rows done, rows/s, time left), then the result, error file and undo. */
export function ImportProgress({ imp, onAgain }: { imp: Import; onAgain: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [confirm, setConfirm] = useState(false);
  const cancel = useImportChange(() => importsApi.action(imp.id, "cancel"));
  const undo = useImportChange(() => importsApi.action(imp.id, "undo"));
  const status = imp.status as keyof typeof TITLES;
  const percent = imp.progress.total ? (imp.progress.done / imp.progress.total) * 100 : 0;
  const finished = status === "done" || status === "cancelled" || status === "failed";
  const changedSince = (imp.counts as Record<string, number>).undo_changed_since ?? 0;

  return (
    <Paper
      withBorder
      p="md"
      radius="md"
      component="section"
      aria-label={t(TITLES[status] ?? TITLES.running)}
      maw={720}
    >
      <Stack gap="md">
        <Title order={2} size="h5">
          {t(TITLES[status] ?? TITLES.running)}
        </Title>
        <Progress
          value={status === "undone" ? 100 : percent}
          size="xl"
          animated={status === "running" || status === "undoing"}
          aria-label={t("imports.progress.rows", {
            done: format.number(imp.progress.done),
            total: format.number(imp.progress.total),
          })}
        />
        <Group gap="lg">
          <Text size="sm" fw={500}>
            {t("imports.progress.rows", {
              done: format.number(imp.progress.done),
              total: format.number(imp.progress.total),
            })}
          </Text>
          {imp.progress.rowsPerSecond !== null && (
            <Text size="sm" c="dimmed">
              {t("imports.progress.rate", { rate: format.number(imp.progress.rowsPerSecond) })}
            </Text>
          )}
          {imp.progress.secondsLeft !== null && status === "running" && (
            <Text size="sm" c="dimmed">
              {t("imports.progress.left", { seconds: format.number(imp.progress.secondsLeft) })}
            </Text>
          )}
        </Group>
        <Group gap="xs">
          {(["create", "linked", "update", "skipped", "error"] as const).map((o) => (
            <Badge key={o} color={OUTCOME_COLOR[o]} variant="light" size="lg">
              {t(`imports.outcome.${o}`)}: {format.number(imp.counts[o])}
            </Badge>
          ))}
        </Group>
        {changedSince > 0 && (
          <Alert color="yellow">{t("imports.progress.changedSince", { count: changedSince })}</Alert>
        )}
        <Group>
          {status === "running" && (
            <Button
              color="red"
              variant="light"
              onClick={() => cancel.mutate(undefined, { onError: (e) => notifyError(e) })}
            >
              {t("imports.progress.cancel")}
            </Button>
          )}
          {imp.counts.error > 0 && (
            <Button
              component="a"
              href={importsApi.errorsUrl(imp.id)}
              download
              variant="default"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              {t("imports.progress.errorFile")}
            </Button>
          )}
          {finished && (
            <Button color="red" variant="light" onClick={() => setConfirm(true)}>
              {t("imports.progress.undo")}
            </Button>
          )}
          {(finished || status === "undone") && (
            <Button variant="default" onClick={onAgain}>
              {t("imports.progress.again")}
            </Button>
          )}
        </Group>
      </Stack>
      <ConfirmDialog
        opened={confirm}
        title={t("imports.progress.undo")}
        message={t("imports.progress.undoConfirm")}
        confirmLabel={t("imports.progress.undo")}
        loading={undo.isPending}
        onClose={() => setConfirm(false)}
        onConfirm={() =>
          undo.mutate(undefined, {
            onSuccess: () => setConfirm(false),
            onError: (e) => notifyError(e),
          })
        }
      />
    </Paper>
  );
}
