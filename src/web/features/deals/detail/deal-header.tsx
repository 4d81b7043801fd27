import { ActionIcon, Button, Group, Menu, Select, Stack, Text, TextInput, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconCheck, IconDots, IconPencil, IconRotate, IconTrash, IconX } from "@tabler/icons-react";
import { isApiError } from "@web/api/api-client";
import { ConfirmDialog } from "@web/components/confirm-dialog";
import { notifyError, notifySuccess } from "@web/components/notify";
import { serverMessage } from "@web/components/server-message";
import { usePipelines } from "@web/features/pipelines/use-pipelines";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { LostReasonDialog, useMarkDealWon } from "../deal-outcome";
import { DealStatusBadge } from "../deal-status-badge";
import { useDeleteDeal, useReopenDeal } from "../use-deals";
import { useDealEditor } from "./deal-editor-context";
import { DealFigures } from "./deal-figures";

/** Title, status, stage and the outcome actions (won, lost, reopen), plus delete. */
export function DealHeader({ onStale }: { onStale: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const { deal, move, fail } = useDealEditor();
  const navigate = useNavigate();
  const pipelines = usePipelines();
  const pipeline = pipelines.data?.find((p) => p.id === deal.pipelineId);
  const won = useMarkDealWon();
  const reopen = useReopenDeal(deal.id);
  const remove = useDeleteDeal(deal.id);
  const [losing, setLosing] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [editingTitle, setEditingTitle] = useState(false);
  useDocumentTitle(`${deal.title} · ${t("app.name")}`);

  const failed = (error: unknown) => (isApiError(error, 409) ? onStale() : notifyError(error));
  const markWon = () =>
    won.mutate(
      { id: deal.id, version: deal.version },
      { onSuccess: () => notifySuccess(t("deal.detail.markedWon")), onError: failed },
    );
  const markReopened = () =>
    reopen.mutate(deal.version, {
      onSuccess: () => notifySuccess(t("deal.detail.reopened")),
      onError: failed,
    });
  const changeStage = async (stageId: string | null) => {
    if (!stageId || stageId === deal.stageId) return;
    try {
      await move(stageId);
      notifySuccess(t("deal.detail.stageSaved"));
    } catch (error) {
      fail(error);
    }
  };
  const deleteDeal = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        notifySuccess(t("deal.detail.deleted"));
        void navigate("/deals/list");
      },
      onError: (error) => notifyError(error),
    });

  return (
    <Stack gap="md">
      {/* One row at 1280 px in German (issue #23 point 3): the title gives way, the actions keep their line. */}
      <Group justify="space-between" align="flex-start" gap="md" wrap="nowrap">
        <Stack gap={6} style={{ minWidth: 0, flex: "1 1 240px" }}>
          {editingTitle ? (
            <TitleForm onDone={() => setEditingTitle(false)} />
          ) : (
            <Group gap={4} wrap="nowrap" align="center">
              <Title
                order={1}
                size="h2"
                lineClamp={2}
                title={deal.title}
                style={{ overflowWrap: "anywhere" }}
              >
                {deal.title}
              </Title>
              <ActionIcon
                variant="subtle"
                color="gray"
                onClick={() => setEditingTitle(true)}
                aria-label={t("deal.detail.editTitle")}
              >
                <IconPencil size={16} aria-hidden />
              </ActionIcon>
            </Group>
          )}
          <Group gap="xs" wrap="wrap">
            <DealStatusBadge status={deal.status} size="md" />
            {pipeline && (
              <Text size="sm" c="dimmed">
                {pipeline.name}
              </Text>
            )}
          </Group>
          {deal.status !== "open" && deal.closedAt && (
            <Text size="sm" c="dimmed">
              {deal.status === "lost"
                ? t("deal.detail.lostOn", { date: format.date(deal.closedAt), reason: deal.lostReason ?? "" })
                : t("deal.detail.wonOn", { date: format.date(deal.closedAt) })}
            </Text>
          )}
        </Stack>
        <Group gap="xs" align="flex-end" wrap="nowrap" style={{ flexShrink: 0 }}>
          <Select
            label={t("deal.fields.stage")}
            data={(pipeline?.stages ?? []).map((s) => ({ value: s.id, label: s.name }))}
            value={deal.stageId}
            onChange={(stageId) => void changeStage(stageId)}
            allowDeselect={false}
            disabled={!deal.abilities.move}
            w={210}
          />
          {deal.abilities.close ? (
            <>
              <Button
                color="teal"
                leftSection={<IconCheck size={16} aria-hidden />}
                loading={won.isPending}
                onClick={markWon}
              >
                {t("deal.detail.markWon")}
              </Button>
              <Button
                color="red"
                variant="light"
                leftSection={<IconX size={16} aria-hidden />}
                onClick={() => setLosing(true)}
              >
                {t("deal.detail.markLost")}
              </Button>
            </>
          ) : (
            deal.abilities.reopen && (
              <Button
                variant="default"
                leftSection={<IconRotate size={16} aria-hidden />}
                loading={reopen.isPending}
                onClick={markReopened}
              >
                {t("deal.detail.reopen")}
              </Button>
            )
          )}
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="default" size="lg" aria-label={t("deal.detail.moreActions")}>
                <IconDots size={18} aria-hidden />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={16} aria-hidden />}
                disabled={!deal.abilities.delete}
                onClick={() => setConfirmDelete(true)}
              >
                {t("deal.detail.delete")}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      <DealFigures />
      <LostReasonDialog deal={losing ? deal : null} onClose={() => setLosing(false)} />
      <ConfirmDialog
        opened={confirmDelete}
        title={t("deal.detail.deleteTitle", { title: deal.title })}
        message={t("deal.detail.deleteConfirm")}
        confirmLabel={t("common.delete")}
        loading={remove.isPending}
        onConfirm={deleteDeal}
        onClose={() => setConfirmDelete(false)}
      />
    </Stack>
  );
}

function TitleForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { deal, save, fail } = useDealEditor();
  const [title, setTitle] = useState(deal.title);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    if (!title.trim()) {
      setError(t("validation.required"));
      return;
    }
    setSaving(true);
    try {
      if (title.trim() !== deal.title) await save({ title: title.trim() });
      onDone();
    } catch (err) {
      const fieldError = isApiError(err) ? err.problem.errors?.find((e) => e.path === "title") : undefined;
      if (fieldError) setError(serverMessage(fieldError));
      else fail(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
      noValidate
    >
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          aria-label={t("deal.fields.title")}
          value={title}
          onChange={(event) => setTitle(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") onDone();
          }}
          error={error}
          size="md"
          style={{ flex: 1 }}
          autoFocus
        />
        <Button type="submit" loading={saving} size="md">
          {t("common.save")}
        </Button>
        <Button variant="default" onClick={onDone} size="md">
          {t("common.cancel")}
        </Button>
      </Group>
    </form>
  );
}
