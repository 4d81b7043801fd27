import { Alert, Badge, Button, Group, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { PERCENT_RULES } from "@shared/locale-number";
import { IconAlertTriangle, IconPlus, IconStar, IconTrash } from "@tabler/icons-react";
import { isApiError } from "@web/api/api-client";
import { ConfirmDialog } from "@web/components/confirm-dialog";
import { showFormError } from "@web/components/form-errors";
import { notifyError, notifySuccess } from "@web/components/notify";
import { useNumberReader } from "@web/components/number-field";
import { SectionCard } from "@web/components/section-card";
import { dealsApi, type Pipeline } from "@web/features/deals/deals-api";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  newStageRow,
  type PipelineValues,
  pipelineValues,
  ROTTING_DAYS_RULES,
  stageMovesBody,
  stagesBody,
  withStageMove,
} from "./pipeline-form-values";
import { type StageRemoval, StageRemovalModal } from "./stage-removal-modal";
import { StageRows } from "./stage-rows";
import { useDeletePipeline, useUpdatePipeline } from "./use-pipelines";

/** Does any deal (open, won or lost) sit in this stage? Those deals need a new stage before it goes. */
async function stageHoldsDeals(stageId: string): Promise<boolean> {
  const page = await dealsApi.list({ stageId, status: "open,won,lost", limit: 1 });
  return page.data.length > 0;
}

/** One pipeline: its name, default flag, and its stages (order, probability, rotting days). */
export function PipelineEditor({ pipeline, onDeleted }: { pipeline: Pipeline; onDeleted: () => void }) {
  const { t } = useTranslation();
  const update = useUpdatePipeline();
  const remove = useDeletePipeline();
  const [moves, setMoves] = useState<Record<string, string>>({});
  const [removal, setRemoval] = useState<StageRemoval | null>(null);
  const [checking, setChecking] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [stale, setStale] = useState(false);
  const numbers = useNumberReader();
  const form = useForm<PipelineValues>({
    initialValues: pipelineValues(pipeline, numbers),
    validate: {
      name: (value) => (value.trim() ? null : t("validation.required")),
      stages: {
        name: (value) => (value.trim() ? null : t("validation.required")),
        probability: (value) =>
          value.trim() === "" ? t("validation.required") : numbers.error(value, PERCENT_RULES),
        rottingDays: (value) => numbers.error(value, ROTTING_DAYS_RULES),
      },
    },
  });
  const rows = form.getValues().stages;
  const dirty = form.isDirty() || Object.keys(moves).length > 0;

  const dropRow = (index: number) => form.removeListItem("stages", index);
  const askRemove = async (index: number) => {
    const row = rows[index];
    if (!row) return;
    if (!row.id) {
      dropRow(index);
      return;
    }
    setChecking(row.key);
    try {
      if (await stageHoldsDeals(row.id)) {
        setRemoval({
          stageKey: row.key,
          stageName: row.name,
          targets: rows
            .filter(
              (other): other is typeof other & { id: string } => other.id !== null && other.key !== row.key,
            )
            .map((other) => ({ id: other.id, name: other.name })),
        });
      } else {
        dropRow(index);
      }
    } catch (error) {
      notifyError(error);
    } finally {
      setChecking(null);
    }
  };
  const confirmRemoval = (toStageId: string) => {
    if (!removal) return;
    const index = rows.findIndex((row) => row.key === removal.stageKey);
    const from = rows[index]?.id;
    if (from) setMoves((current) => withStageMove(current, from, toStageId));
    dropRow(index);
    setRemoval(null);
  };

  const reset = (next: Pipeline) => {
    const values = pipelineValues(next, numbers);
    form.setInitialValues(values);
    form.setValues(values);
    form.resetDirty(values);
    setMoves({});
  };

  const save = form.onSubmit(async (values) => {
    try {
      const saved = await update.mutateAsync({
        id: pipeline.id,
        body: {
          name: values.name.trim(),
          stages: stagesBody(values.stages, numbers),
          ...(Object.keys(moves).length > 0 ? { stageMoves: stageMovesBody(moves) } : {}),
          version: pipeline.version,
        },
      });
      reset(saved);
      notifySuccess(t("pipelines.saved"));
    } catch (error) {
      if (isApiError(error, 409)) setStale(true);
      else showFormError(form, error);
    }
  });

  const makeDefault = () =>
    update.mutate(
      { id: pipeline.id, body: { isDefault: true, version: pipeline.version } },
      {
        onSuccess: () => notifySuccess(t("pipelines.madeDefault", { name: pipeline.name })),
        onError: (error) => (isApiError(error, 409) ? setStale(true) : notifyError(error)),
      },
    );
  const deletePipeline = () =>
    remove.mutate(pipeline.id, {
      onSuccess: () => {
        notifySuccess(t("pipelines.deleted", { name: pipeline.name }));
        setConfirmDelete(false);
        onDeleted();
      },
      onError: (error) => {
        setConfirmDelete(false);
        notifyError(error);
      },
    });

  return (
    <SectionCard
      title={pipeline.name}
      actions={
        <>
          {pipeline.isDefault ? (
            <Badge variant="light" leftSection={<IconStar size={12} aria-hidden />}>
              {t("pipelines.default")}
            </Badge>
          ) : (
            <Button size="compact-sm" variant="subtle" onClick={makeDefault} disabled={dirty}>
              {t("pipelines.makeDefault")}
            </Button>
          )}
          {!pipeline.isDefault && (
            <Button
              size="compact-sm"
              variant="subtle"
              color="red"
              leftSection={<IconTrash size={14} aria-hidden />}
              onClick={() => setConfirmDelete(true)}
            >
              {t("pipelines.delete")}
            </Button>
          )}
        </>
      }
    >
      <form onSubmit={save} noValidate>
        <Stack gap="md">
          {stale && (
            <Alert color="orange" icon={<IconAlertTriangle aria-hidden />} title={t("pipelines.staleTitle")}>
              {t("pipelines.staleText")}
              <Button
                size="xs"
                variant="light"
                color="orange"
                mt="sm"
                display="block"
                onClick={() => {
                  reset(pipeline);
                  setStale(false);
                }}
              >
                {t("pipelines.discard")}
              </Button>
            </Alert>
          )}
          <TextInput label={t("pipelines.name")} required maw={420} {...form.getInputProps("name")} />
          <Stack gap={4}>
            <Text size="sm" fw={500}>
              {t("pipelines.stages")}
            </Text>
            <Text size="xs" c="dimmed">
              {t("pipelines.stagesHint")}
            </Text>
          </Stack>
          <StageRows form={form} onRemove={(index) => void askRemove(index)} removing={checking} />
          <Group justify="space-between">
            <Button
              variant="default"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => form.insertListItem("stages", newStageRow(""))}
              disabled={rows.length >= 30}
            >
              {t("pipelines.addStage")}
            </Button>
            <Group gap="sm">
              {dirty && (
                <Button variant="default" onClick={() => reset(pipeline)}>
                  {t("pipelines.discard")}
                </Button>
              )}
              <Button type="submit" loading={update.isPending} disabled={!dirty}>
                {t("pipelines.save")}
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
      <StageRemovalModal removal={removal} onClose={() => setRemoval(null)} onConfirm={confirmRemoval} />
      <ConfirmDialog
        opened={confirmDelete}
        title={t("pipelines.deleteTitle", { name: pipeline.name })}
        message={t("pipelines.deleteConfirm")}
        confirmLabel={t("common.delete")}
        loading={remove.isPending}
        onConfirm={deletePipeline}
        onClose={() => setConfirmDelete(false)}
      />
    </SectionCard>
  );
}
