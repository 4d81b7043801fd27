import { Badge, Button, Group, Menu, Modal, Stack, Table, Text, VisuallyHidden } from "@mantine/core";
import { IconDots, IconPlus } from "@tabler/icons-react";
import { ConfirmDialog } from "@web/components/confirm-dialog";
import { notifyError, notifySuccess } from "@web/components/notify";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { eventLabel } from "./event-label";
import { useDeleteWebhook, useRotateSecret, useSendTestEvent, useWebhooks } from "./use-webhooks";
import { WebhookDeliveries } from "./webhook-deliveries";
import { WebhookForm } from "./webhook-form";
import { WebhookSecret } from "./webhook-secret";
import type { Webhook } from "./webhooks-api";

type Dialog =
  | { step: "closed" }
  | { step: "form"; webhook?: Webhook }
  | { step: "secret"; secret: string }
  | { step: "rotate"; webhook: Webhook }
  | { step: "delete"; webhook: Webhook };

/** Settings → Webhooks (admins): subscriptions, their secrets (shown once), test events and the delivery log. */
export function WebhooksPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const webhooks = useWebhooks();
  const remove = useDeleteWebhook();
  const rotate = useRotateSecret();
  const sendTest = useSendTestEvent();
  const [dialog, setDialog] = useState<Dialog>({ step: "closed" });
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const close = () => setDialog({ step: "closed" });
  const list = webhooks.data ?? [];
  const selected = list.find((w) => w.id === selectedId) ?? null;

  const state = (w: Webhook) => {
    if (w.disabledReason)
      return (
        <Badge color="red" variant="light">
          {t("webhooks.states.disabled")}
        </Badge>
      );
    if (!w.active)
      return (
        <Badge color="gray" variant="light">
          {t("webhooks.states.off")}
        </Badge>
      );
    if (w.failingSince)
      return (
        <Badge color="orange" variant="light" styles={{ label: { overflow: "visible" } }}>
          {t("webhooks.states.failing", { since: format.dateTime(w.failingSince) })}
        </Badge>
      );
    return (
      <Badge color="green" variant="light">
        {t("webhooks.states.active")}
      </Badge>
    );
  };

  const test = (w: Webhook) => {
    setSelectedId(w.id);
    sendTest.mutate(w.id, {
      onSuccess: () => notifySuccess(t("webhooks.testQueued")),
      onError: (error) => notifyError(error),
    });
  };

  const title =
    dialog.step === "form"
      ? dialog.webhook
        ? t("webhooks.editTitle")
        : t("webhooks.createTitle")
      : t("webhooks.secretTitle");

  return (
    <Stack gap="lg">
      <PageHeader
        order={2}
        title={t("settings.webhooks")}
        description={t("webhooks.description")}
        actions={
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setDialog({ step: "form" })}
          >
            {t("webhooks.create")}
          </Button>
        }
      />
      <QueryStates query={webhooks} isEmpty={list.length === 0} emptyText={t("webhooks.empty")} />
      {list.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" highlightOnHover aria-label={t("settings.webhooks")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("webhooks.url")}</Table.Th>
                <Table.Th>{t("webhooks.eventsLabel")}</Table.Th>
                <Table.Th>{t("webhooks.owner")}</Table.Th>
                <Table.Th>{t("webhooks.state")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((w) => (
                <Table.Tr key={w.id} bg={w.id === selectedId ? "var(--mantine-color-blue-light)" : undefined}>
                  <Table.Td style={{ wordBreak: "break-all" }}>
                    <Text size="sm" fw={500}>
                      {w.url}
                    </Text>
                    {w.description && (
                      <Text size="xs" c="dimmed">
                        {w.description}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={w.events.map((e) => eventLabel(t, e)).join(", ")}>
                      {w.events.length <= 2
                        ? w.events.map((e) => eventLabel(t, e)).join(", ")
                        : t("webhooks.eventsCount", { count: w.events.length })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{w.owner.name}</Text>
                  </Table.Td>
                  <Table.Td>{state(w)}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                    <Group gap="xs" justify="flex-end" wrap="nowrap">
                      <Button size="compact-sm" variant="default" onClick={() => setSelectedId(w.id)}>
                        {t("webhooks.showDeliveries")}
                      </Button>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            aria-label={t("webhooks.actions", { url: w.url })}
                          >
                            <IconDots size={16} aria-hidden />
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setDialog({ step: "form", webhook: w })}>
                            {t("webhooks.edit")}
                          </Menu.Item>
                          <Menu.Item disabled={!w.active} onClick={() => test(w)}>
                            {t("webhooks.sendTest")}
                          </Menu.Item>
                          <Menu.Item onClick={() => setDialog({ step: "rotate", webhook: w })}>
                            {t("webhooks.rotate")}
                          </Menu.Item>
                          <Menu.Item color="red" onClick={() => setDialog({ step: "delete", webhook: w })}>
                            {t("webhooks.delete")}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {selected && <WebhookDeliveries webhook={selected} />}

      <Modal
        opened={dialog.step === "form" || dialog.step === "secret"}
        onClose={close}
        title={title}
        // While the secret is shown, a stray click must not throw it away.
        closeOnClickOutside={dialog.step !== "secret"}
        size="lg"
      >
        {dialog.step === "form" && (
          <WebhookForm
            webhook={dialog.webhook}
            onCreated={(created) => {
              setSelectedId(created.id);
              setDialog({ step: "secret", secret: created.secret });
            }}
            onSaved={() => {
              notifySuccess(t("webhooks.saved"));
              close();
            }}
            onCancel={close}
          />
        )}
        {dialog.step === "secret" && <WebhookSecret secret={dialog.secret} onDone={close} />}
      </Modal>
      <ConfirmDialog
        opened={dialog.step === "rotate"}
        title={t("webhooks.rotateTitle")}
        message={t("webhooks.rotateConfirm")}
        confirmLabel={t("webhooks.rotate")}
        loading={rotate.isPending}
        onConfirm={() =>
          dialog.step === "rotate" &&
          rotate.mutate(dialog.webhook.id, {
            onSuccess: (rotated) => setDialog({ step: "secret", secret: rotated.secret }),
            onError: (error) => notifyError(error),
          })
        }
        onClose={close}
      />
      <ConfirmDialog
        opened={dialog.step === "delete"}
        title={dialog.step === "delete" ? t("webhooks.deleteTitle", { url: dialog.webhook.url }) : ""}
        message={t("webhooks.deleteConfirm")}
        confirmLabel={t("webhooks.delete")}
        loading={remove.isPending}
        onConfirm={() =>
          dialog.step === "delete" &&
          remove.mutate(dialog.webhook.id, {
            onSuccess: () => {
              notifySuccess(t("webhooks.deleted"));
              close();
            },
            onError: (error) => notifyError(error),
          })
        }
        onClose={close}
      />
    </Stack>
  );
}
