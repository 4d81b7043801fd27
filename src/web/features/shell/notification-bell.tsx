import {
  ActionIcon,
  Anchor,
  Button,
  Divider,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Stack,
  Text,
  ThemeIcon,
  UnstyledButton,
} from "@mantine/core";
import { type Icon, IconAlertTriangle, IconBell } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { refetchAskedBefore } from "@web/api/query-client";
import { notifyError } from "@web/components/notify";
import { serverMessage } from "@web/components/server-message";
import { ACTIVITY_COLORS, ACTIVITY_ICONS } from "@web/features/timeline/activity-visuals";
import { useFormat } from "@web/i18n/use-format";
import { useLiveEvents } from "@web/lib/live-events";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type DueWork, type Notification, notificationsApi } from "./notifications-api";

const KEY = ["notifications"] as const;

type Links = Pick<DueWork, "leadId" | "contactId" | "companyId" | "dealId">;

/** The record an activity is about, else My work. */
function recordOf(activity: Links | null): string {
  if (activity?.dealId) return `/deals/${activity.dealId}`;
  if (activity?.leadId) return `/leads/${activity.leadId}`;
  if (activity?.contactId) return `/contacts/${activity.contactId}`;
  if (activity?.companyId) return `/companies/${activity.companyId}`;
  return "/my-work";
}

/** Where a notification leads: a notice's link, a reminder's record. */
const targetOf = ({ activity, notice }: Notification) => (notice ? notice.link : recordOf(activity));

interface BellRowProps {
  icon: Icon;
  color: string;
  text: string;
  at: string | null;
  unread: boolean;
  overdue?: boolean;
  onClick: () => void;
}

function BellRow({ icon: TypeIcon, color, text, at, unread, overdue, onClick }: BellRowProps) {
  const format = useFormat();
  return (
    <UnstyledButton
      onClick={onClick}
      w="100%"
      px="sm"
      py={6}
      style={{ backgroundColor: unread ? "var(--mantine-color-blue-light)" : undefined }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <ThemeIcon size={24} radius="xl" variant="light" color={color}>
          <TypeIcon size={14} aria-hidden />
        </ThemeIcon>
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={unread ? 600 : 400} lineClamp={2}>
            {text}
          </Text>
          {at && (
            <Text size="xs" c={overdue ? "red.8" : "dimmed"}>
              {format.dateTime(at)}
            </Text>
          )}
        </div>
      </Group>
    </UnstyledButton>
  );
}

/** The bell in the header: unread reminders and notices, updated live when a task or meeting falls due. */
export function NotificationBell() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [opened, setOpened] = useState(false);
  const list = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => notificationsApi.list(signal),
    // The live stream is the fast path (and refetches what it may have missed when it opens); this
    // is a safety net.
    refetchInterval: 5 * 60_000,
  });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: KEY });
  // A task created, moved or ticked done changes the due work, so activity changes refresh it too.
  useLiveEvents(["notification.created", "activity.changed"], refresh, (openedAt) =>
    refetchAskedBefore({ queryKey: KEY }, openedAt),
  );
  const markRead = useMutation({
    mutationFn: notificationsApi.markRead,
    onSettled: refresh,
    onError: (error) => notifyError(error),
  });
  const markAll = useMutation({
    mutationFn: notificationsApi.markAllRead,
    onSettled: refresh,
    onError: (error) => notifyError(error),
  });
  const unread = list.data?.unreadCount ?? 0;
  const items = list.data?.data ?? [];
  const due = list.data?.due ?? [];
  const dueCount = list.data?.dueCount ?? 0;
  const overdue = due.filter((d) => d.overdue);
  const today = due.filter((d) => !d.overdue);

  const open = (notification: Notification) => {
    if (!notification.readAt) markRead.mutate(notification.id);
    setOpened(false);
    void navigate(targetOf(notification));
  };
  const openDue = (work: DueWork) => {
    setOpened(false);
    void navigate(recordOf(work));
  };
  const dueSection = (key: "overdue" | "today", work: DueWork[]) =>
    work.length > 0 && (
      <section aria-label={t(`notifications.work.${key}`)}>
        <Text size="xs" fw={600} c={key === "overdue" ? "red.8" : "dimmed"} px="sm" pt={6} tt="uppercase">
          {t(`notifications.work.${key}`)} ({work.length})
        </Text>
        {work.map((w) => (
          <BellRow
            key={w.id}
            icon={ACTIVITY_ICONS[w.type]}
            color={ACTIVITY_COLORS[w.type]}
            text={w.subject}
            at={w.occursAt}
            unread={!w.seen}
            overdue={w.overdue}
            onClick={() => openDue(w)}
          />
        ))}
      </section>
    );
  const label = (n: Notification) => {
    if (!n.activity)
      return n.notice
        ? serverMessage({ message: n.notice.code, code: n.notice.code, params: n.notice.params })
        : "";
    const kind = n.activity.type === "task" ? "task" : n.activity.type === "meeting" ? "meeting" : "other";
    return t(`notifications.due.${kind}`, { subject: n.activity.subject });
  };

  return (
    // withRoles off: Popover.Target would put aria-expanded on the Indicator's <div>, which axe rejects
    // (issue #15 point 7); the button itself says what it opens.
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={360}
      shadow="md"
      withArrow
      withRoles={false}
    >
      <Popover.Target>
        <Indicator
          label={unread > 99 ? "99+" : unread}
          size={16}
          color="red"
          disabled={unread === 0}
          offset={4}
        >
          <ActionIcon
            variant="default"
            size="lg"
            aria-label={
              unread > 0 ? t("notifications.bellCount", { count: unread }) : t("notifications.bell")
            }
            onClick={() => setOpened((o) => !o)}
            aria-haspopup="dialog"
            aria-expanded={opened}
            data-testid="notification-bell"
          >
            <IconBell size={18} aria-hidden />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} role="dialog" aria-label={t("notifications.bell")}>
        <Group justify="space-between" px="sm" py={8}>
          <Text fw={600} size="sm">
            {t("notifications.bell")}
          </Text>
          <Button
            size="compact-xs"
            variant="subtle"
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            {t("notifications.markAllRead")}
          </Button>
        </Group>
        <Divider />
        {items.length === 0 && due.length === 0 ? (
          <Text size="sm" c="dimmed" p="sm">
            {t("notifications.empty")}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={440}>
            <Stack gap={0} py={4}>
              {dueSection("overdue", overdue)}
              {dueSection("today", today)}
              {dueCount > due.length && (
                <Anchor
                  component="button"
                  size="xs"
                  px="sm"
                  py={4}
                  ta="left"
                  onClick={() => {
                    setOpened(false);
                    void navigate("/my-work");
                  }}
                >
                  {t("notifications.work.more", { count: dueCount - due.length })}
                </Anchor>
              )}
              {due.length > 0 && items.length > 0 && <Divider my={4} />}
              {items.map((n) => (
                <BellRow
                  key={n.id}
                  icon={n.activity ? ACTIVITY_ICONS[n.activity.type] : IconAlertTriangle}
                  color={n.activity ? ACTIVITY_COLORS[n.activity.type] : "orange"}
                  text={label(n)}
                  at={n.activity ? n.activity.occursAt : n.createdAt}
                  unread={!n.readAt}
                  onClick={() => open(n)}
                />
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
