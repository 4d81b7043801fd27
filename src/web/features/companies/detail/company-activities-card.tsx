import { Badge, Group, Stack, Text } from "@mantine/core";
import type { Activity } from "@shared/schemas/activity";
import { SectionCard } from "@web/components/section-card";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** The company's most recent activities, newest first, each with where it belongs. */
export function CompanyActivitiesCard({ activities }: { activities: Activity[] }) {
  const { t } = useTranslation();
  const format = useFormat();

  return (
    <SectionCard title={t("companies.detail.activities")}>
      {activities.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("companies.detail.noActivities")}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {activities.map((activity) => (
            <Group key={activity.id} component="li" gap="xs" wrap="nowrap" align="flex-start">
              <Badge variant="default" size="sm" tt="none" style={{ flexShrink: 0 }}>
                {t(`leads.timeline.activity.${activity.type}`)}
              </Badge>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={500}>
                  {activity.leadId ? (
                    <Link to={`/leads/${activity.leadId}`}>{activity.subject}</Link>
                  ) : (
                    activity.subject
                  )}
                </Text>
                <Text size="xs" c="dimmed">
                  {format.dateTime(activity.startsAt ?? activity.dueAt ?? activity.createdAt)}
                  {activity.done ? ` · ${t("leads.timeline.done")}` : ""}
                </Text>
              </Stack>
            </Group>
          ))}
        </Stack>
      )}
    </SectionCard>
  );
}
