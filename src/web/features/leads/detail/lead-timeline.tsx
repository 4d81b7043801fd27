import { Badge, Button, Center, Group, Loader, Text, ThemeIcon, Timeline } from "@mantine/core";
import {
  type Icon,
  IconCalendarEvent,
  IconChecklist,
  IconHistory,
  IconMail,
  IconNote,
  IconPhone,
} from "@tabler/icons-react";
import { QueryError } from "@web/components/query-error";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import type { TimelineItem } from "../leads-api";
import { useLeadTimeline } from "../use-leads";
import { useOwnerOptions } from "../use-owner-options";
import { LeadCard } from "./lead-card";
import { useLeadEditor } from "./lead-editor-context";
import { historyText, type TimelineText } from "./timeline-text";

const ACTIVITY_ICONS: Record<string, Icon> = {
  call: IconPhone,
  meeting: IconCalendarEvent,
  task: IconChecklist,
  note: IconNote,
  email: IconMail,
};
const ACTIVITY_TYPES = ["call", "meeting", "task", "note", "email"] as const;
const activityType = (value: string) => ACTIVITY_TYPES.find((type) => type === value);

/** History and activities of the lead, newest first. */
export function LeadTimeline() {
  const { t } = useTranslation();
  const format = useFormat();
  const { lead } = useLeadEditor();
  const timeline = useLeadTimeline(lead.id);
  const { names } = useOwnerOptions();
  const userName = (id: string) => names.get(id) ?? t("leads.list.otherOwner");
  const items = timeline.data?.pages.flatMap((page) => page.data) ?? [];

  const textOf = (item: TimelineItem): TimelineText & { icon: Icon; badge?: string } => {
    if (item.kind === "history" || !item.activity)
      return { ...historyText(item, { t, userName }), icon: IconHistory };
    const { activity } = item;
    const type = activityType(activity.type);
    const when = activity.startsAt
      ? t("leads.timeline.starts", { date: format.dateTime(activity.startsAt) })
      : activity.dueAt
        ? t("leads.timeline.due", { date: format.dateTime(activity.dueAt) })
        : null;
    return {
      title: `${type ? t(`leads.timeline.activity.${type}`) : activity.type}: ${activity.subject}`,
      details: [when, activity.body].filter((line): line is string => Boolean(line)),
      icon: ACTIVITY_ICONS[activity.type] ?? IconNote,
      badge: t(activity.done ? "leads.timeline.done" : "leads.timeline.open"),
    };
  };

  return (
    <LeadCard title={t("leads.timeline.title")}>
      {timeline.isPending && (
        <Center py="md">
          <Loader size="sm" aria-label={t("app.loading")} />
        </Center>
      )}
      {timeline.isError && <QueryError error={timeline.error} onRetry={() => void timeline.refetch()} />}
      {timeline.isSuccess && items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t("leads.timeline.empty")}
        </Text>
      )}
      {items.length > 0 && (
        <Timeline bulletSize={26} lineWidth={2} mt="xs" aria-label={t("leads.timeline.title")}>
          {items.map((item) => {
            const text = textOf(item);
            const ItemIcon = text.icon;
            return (
              <Timeline.Item
                key={`${item.kind}-${item.id}`}
                bullet={
                  <ThemeIcon
                    size={26}
                    radius="xl"
                    variant={item.kind === "activity" ? "filled" : "light"}
                    color={item.kind === "activity" ? undefined : "gray"}
                  >
                    <ItemIcon size={14} aria-hidden />
                  </ThemeIcon>
                }
                title={
                  <Group gap="xs" wrap="wrap">
                    <Text size="sm" fw={600}>
                      {text.title}
                    </Text>
                    {text.badge && (
                      <Badge
                        size="xs"
                        variant="light"
                        tt="none"
                        color={item.activity?.done ? "teal" : "blue"}
                      >
                        {text.badge}
                      </Badge>
                    )}
                  </Group>
                }
              >
                {text.details.map((line) => (
                  <Text key={line} size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }} lineClamp={6}>
                    {line}
                  </Text>
                ))}
                <Text size="xs" c="dimmed" mt={2}>
                  {format.dateTime(item.at)} · {item.actor?.name ?? t("leads.timeline.system")}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
      {timeline.hasNextPage && (
        <Button
          variant="default"
          size="xs"
          mt="md"
          onClick={() => void timeline.fetchNextPage()}
          loading={timeline.isFetchingNextPage}
        >
          {t("common.loadMore")}
        </Button>
      )}
    </LeadCard>
  );
}
