import { Badge, Group, Stack, Text } from "@mantine/core";
import type { Activity } from "@shared/schemas/activity";
import { SectionCard } from "@web/components/section-card";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/**
 * Activities of the company's contacts, deals and leads (the company's own are in its timeline),
 * newest first, each linked to where it belongs.
 */
export function CompanyActivitiesCard({
  activities,
  companyId,
}: {
  activities: Activity[];
  companyId: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const linked = activities.filter((a) => a.companyId !== companyId);
  const hrefOf = (a: Activity) =>
    a.dealId
      ? `/deals/${a.dealId}`
      : a.contactId
        ? `/contacts/${a.contactId}`
        : a.leadId
          ? `/leads/${a.leadId}`
          : null;

  return (
    <SectionCard title={t("companies.detail.activities")}>
      {linked.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t("companies.detail.noActivities")}
        </Text>
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
          {linked.map((activity) => (
            <Group key={activity.id} component="li" gap="xs" wrap="nowrap" align="flex-start">
              <Badge variant="default" size="sm" tt="none" style={{ flexShrink: 0 }}>
                {t(`leads.timeline.activity.${activity.type}`)}
              </Badge>
              <Stack gap={0} style={{ minWidth: 0 }}>
                <Text size="sm" fw={500}>
                  {hrefOf(activity) ? (
                    <Link to={hrefOf(activity) ?? ""}>{activity.subject}</Link>
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
