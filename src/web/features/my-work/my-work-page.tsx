import { Grid, Paper, Stack, Text, Title } from "@mantine/core";
import type { UseQueryResult } from "@tanstack/react-query";
import { useQueryClient } from "@tanstack/react-query";
import { refetchAskedBefore } from "@web/api/query-client";
import { notifyError } from "@web/components/notify";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import type { Activity } from "@web/features/activities/activities-api";
import { ActivityEditModal } from "@web/features/activities/activity-edit-modal";
import { activityKeys, useToggleDone } from "@web/features/activities/use-activities";
import { ExportMenu } from "@web/features/exports/export-menu";
import { useFormat } from "@web/i18n/use-format";
import { useLiveEvents } from "@web/lib/live-events";
import dayjs from "dayjs";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { dayBounds, useMyWork } from "./use-my-work";
import { WorkItem } from "./work-item";

/** "My work": the user's overdue, today's and upcoming tasks and appointments, with done toggles. */
export function MyWorkPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  // Fixed per visit; a reload after midnight moves the days on.
  const bounds = useMemo(() => dayBounds(), []);
  const work = useMyWork(bounds);
  const { toggle, pendingId } = useToggleDone();
  const [opened, setOpened] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: activityKeys.all });
  useLiveEvents(["activity.changed", "notification.created"], refresh, (openedAt) =>
    refetchAskedBefore({ queryKey: activityKeys.all }, openedAt),
  );

  const time = new Intl.DateTimeFormat(format.locale, { timeStyle: "short" });
  const dayTitle = new Intl.DateTimeFormat(format.locale, { weekday: "long", day: "numeric", month: "long" });
  const item = (activity: Activity, when: string, overdue = false) => (
    <WorkItem
      key={activity.id}
      activity={activity}
      when={when}
      overdue={overdue && !activity.done}
      pending={pendingId === activity.id}
      onToggle={(a) => void toggle(a).catch(notifyError)}
      onOpen={setOpened}
    />
  );
  const at = (a: Activity) => a.occursAt ?? a.createdAt;

  return (
    <Stack gap="md">
      <PageHeader
        title={t("myWork.title")}
        description={t("myWork.description")}
        actions={<ExportMenu list="activities" query={{ mine: true, done: false, sort: "occursAt" }} />}
      />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="md">
            <Section
              title={t("myWork.overdue")}
              query={work.overdue}
              empty={t("myWork.emptyOverdue")}
              tone="red"
            >
              {(list) => list.map((a) => item(a, format.dateTime(at(a)), true))}
            </Section>
            <Section title={t("myWork.today")} query={work.today} empty={t("myWork.emptyToday")}>
              {(list) => list.map((a) => item(a, time.format(new Date(at(a)))))}
            </Section>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Section title={t("myWork.upcoming")} query={work.upcoming} empty={t("myWork.emptyUpcoming")}>
            {(list) =>
              groupByDay(list, at).map(([day, items]) => (
                <Stack key={day} gap={6}>
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase">
                    {dayTitle.format(dayjs(day).toDate())}
                  </Text>
                  {items.map((a) => item(a, time.format(new Date(at(a)))))}
                </Stack>
              ))
            }
          </Section>
        </Grid.Col>
      </Grid>
      <ActivityEditModal id={opened} onClose={() => setOpened(null)} />
    </Stack>
  );
}

/** Activities by local calendar day, in order. */
function groupByDay(list: Activity[], at: (a: Activity) => string): [string, Activity[]][] {
  const groups = new Map<string, Activity[]>();
  for (const activity of list) {
    const day = dayjs(at(activity)).format("YYYY-MM-DD");
    groups.set(day, [...(groups.get(day) ?? []), activity]);
  }
  return [...groups];
}

interface SectionProps {
  title: string;
  query: UseQueryResult<Activity[]>;
  empty: string;
  tone?: "red";
  children: (list: Activity[]) => React.ReactNode;
}

function Section({ title, query, empty, tone, children }: SectionProps) {
  const count = query.data?.length ?? 0;
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Title order={2} size="h5" mb="sm" c={tone && count > 0 ? tone : undefined}>
        {title}
        {count > 0 ? ` (${count})` : ""}
      </Title>
      <QueryStates query={query} compact isEmpty={count === 0} emptyText={empty} />
      {query.isSuccess && count > 0 && <Stack gap={6}>{children(query.data)}</Stack>}
    </Paper>
  );
}
