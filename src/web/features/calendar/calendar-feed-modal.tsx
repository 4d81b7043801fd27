import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { notifyError, notifySuccess } from "@web/components/notify";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { calendarFeedApi } from "./calendar-feed-api";

const FEED_KEY = ["calendar", "feed"] as const;

/** Create, replace or revoke the private iCalendar feed URL; the URL is shown only right after creation. */
export function CalendarFeedModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [url, setUrl] = useState<string | null>(null);
  const status = useQuery({
    queryKey: FEED_KEY,
    queryFn: ({ signal }) => calendarFeedApi.status(signal),
    enabled: opened,
  });
  const rotate = useMutation({
    mutationFn: calendarFeedApi.rotate,
    onSuccess: (created) => {
      setUrl(`${window.location.origin}${created.path}`);
      void queryClient.invalidateQueries({ queryKey: FEED_KEY });
    },
    onError: (error) => notifyError(error),
  });
  const revoke = useMutation({
    mutationFn: calendarFeedApi.revoke,
    onSuccess: () => {
      setUrl(null);
      notifySuccess(t("calendar.feed.revoked"));
      void queryClient.invalidateQueries({ queryKey: FEED_KEY });
    },
    onError: (error) => notifyError(error),
  });
  const active = status.data?.active ?? false;
  const close = () => {
    setUrl(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t("calendar.feed.title")} size="lg">
      <Stack gap="md">
        <Text size="sm">{t("calendar.feed.description")}</Text>
        {url ? (
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t("calendar.feed.url")}
              value={url}
              readOnly
              style={{ flex: 1 }}
              onFocus={(e) => e.currentTarget.select()}
            />
            <CopyButton value={url}>
              {({ copied, copy }) => (
                <Button
                  variant={copied ? "light" : "filled"}
                  color={copied ? "teal" : undefined}
                  onClick={copy}
                >
                  {copied ? t("calendar.feed.copied") : t("calendar.feed.copy")}
                </Button>
              )}
            </CopyButton>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            {active && status.data?.createdAt
              ? t("calendar.feed.active", { date: format.dateTime(status.data.createdAt) })
              : t("calendar.feed.none")}
          </Text>
        )}
        {active && (
          <Alert variant="light" color="yellow" icon={<IconAlertTriangle aria-hidden />}>
            {t("calendar.feed.rotateHint")}
          </Alert>
        )}
        <Group justify="flex-end">
          {active && (
            <Button variant="default" color="red" onClick={() => revoke.mutate()} loading={revoke.isPending}>
              {t("calendar.feed.revoke")}
            </Button>
          )}
          <Button onClick={() => rotate.mutate()} loading={rotate.isPending}>
            {active ? t("calendar.feed.rotate") : t("calendar.feed.create")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
