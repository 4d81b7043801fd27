import { WEBHOOK_DISABLE_AFTER_MS, WEBHOOK_TIMEOUT_MS } from "@domain/webhooks/webhook-events";
import { Badge, Button, Group, Table, Text, VisuallyHidden } from "@mantine/core";
import { notifyError, notifySuccess } from "@web/components/notify";
import { QueryStates } from "@web/components/query-states";
import { SectionCard } from "@web/components/section-card";
import { serverMessage } from "@web/components/server-message";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { eventLabel } from "./event-label";
import { useDeliveries, useReplayDelivery } from "./use-webhooks";
import type { Webhook, WebhookDelivery } from "./webhooks-api";

const STATE_COLOR = {
  queued: "yellow",
  sending: "blue",
  succeeded: "green",
  failed: "red",
  skipped: "gray",
} as const;

/** The delivery log of one subscription: what was sent, how the receiver answered, and a replay. */
export function WebhookDeliveries({ webhook }: { webhook: Webhook }) {
  const { t } = useTranslation();
  const format = useFormat();
  const deliveries = useDeliveries(webhook.id);
  const replay = useReplayDelivery();
  const rows = deliveries.data?.pages.flatMap((p) => p.data) ?? [];

  const details = (d: WebhookDelivery) => {
    const reason = d.errorCode
      ? serverMessage({
          message: d.errorCode,
          code: d.errorCode,
          params: {
            ...(d.responseStatus !== null && { status: d.responseStatus }),
            seconds: WEBHOOK_TIMEOUT_MS / 1000,
            days: WEBHOOK_DISABLE_AFTER_MS / 86_400_000,
          },
        })
      : "";
    const next =
      d.state === "queued" && d.nextAttemptAt && d.attempts > 0
        ? t("webhooks.deliveries.nextAttempt", { at: format.dateTime(d.nextAttemptAt) })
        : "";
    return [d.replayOf ? t("webhooks.deliveries.replayOf") : "", reason, next].filter(Boolean).join(" · ");
  };

  return (
    <SectionCard title={t("webhooks.deliveriesOf", { url: webhook.url })}>
      <QueryStates
        query={deliveries}
        isEmpty={rows.length === 0}
        emptyText={t("webhooks.deliveries.empty")}
        compact
      />
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs" striped aria-label={t("webhooks.deliveries.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("webhooks.deliveries.at")}</Table.Th>
                <Table.Th>{t("webhooks.deliveries.event")}</Table.Th>
                <Table.Th>{t("webhooks.deliveries.state")}</Table.Th>
                <Table.Th ta="right">{t("webhooks.deliveries.response")}</Table.Th>
                <Table.Th ta="right">{t("webhooks.deliveries.duration")}</Table.Th>
                <Table.Th ta="right">{t("webhooks.deliveries.attempts")}</Table.Th>
                <Table.Th>{t("webhooks.deliveries.details")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    {format.dateTime(d.lastAttemptAt ?? d.createdAt)}
                  </Table.Td>
                  <Table.Td>{eventLabel(t, d.eventType)}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Badge
                      styles={{ label: { overflow: "visible" } }}
                      color={STATE_COLOR[d.state]}
                      variant="light"
                    >
                      {t(`webhooks.deliveries.states.${d.state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{d.responseStatus ?? "–"}</Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                    {d.durationMs === null
                      ? "–"
                      : t("webhooks.deliveries.ms", { value: format.number(d.durationMs) })}
                  </Table.Td>
                  <Table.Td ta="right">{format.number(d.attempts)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{details(d)}</Text>
                    {d.error && (
                      <Text size="xs" c="dimmed" style={{ wordBreak: "break-word" }}>
                        {d.error}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {d.state !== "queued" && d.state !== "sending" && webhook.active && (
                      <Button
                        size="xs"
                        variant="default"
                        loading={replay.isPending && replay.variables?.deliveryId === d.id}
                        aria-label={t("webhooks.deliveries.replayOne", {
                          event: eventLabel(t, d.eventType),
                          at: format.dateTime(d.createdAt),
                        })}
                        onClick={() =>
                          replay.mutate(
                            { id: webhook.id, deliveryId: d.id },
                            {
                              onSuccess: () => notifySuccess(t("webhooks.deliveries.replayed")),
                              onError: (error) => notifyError(error),
                            },
                          )
                        }
                      >
                        {t("webhooks.deliveries.replay")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {deliveries.hasNextPage && (
        <Group justify="center" mt="sm">
          <Button
            variant="subtle"
            onClick={() => void deliveries.fetchNextPage()}
            loading={deliveries.isFetchingNextPage}
          >
            {t("common.loadMore")}
          </Button>
        </Group>
      )}
    </SectionCard>
  );
}
