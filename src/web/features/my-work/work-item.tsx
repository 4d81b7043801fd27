import { Anchor, Badge, Checkbox, Group, Paper, Text, ThemeIcon, UnstyledButton } from "@mantine/core";
import type { Activity } from "@web/features/activities/activities-api";
import { contactNames } from "@web/features/activities/participant-name";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { ACTIVITY_COLORS, ACTIVITY_ICONS } from "@web/features/timeline/activity-visuals";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

interface WorkItemProps {
  activity: Activity;
  /** The time (or date and time) to show. */
  when: string;
  overdue?: boolean;
  pending: boolean;
  onToggle: (activity: Activity) => void;
  onOpen: (id: string) => void;
}

const RECORDS = [
  { key: "dealId", entity: "deal", path: "/deals" },
  { key: "leadId", entity: "lead", path: "/leads" },
  { key: "contactId", entity: "contact", path: "/contacts" },
  { key: "companyId", entity: "company", path: "/companies" },
] as const;

/** One task or appointment: done toggle, type, subject (opens it), time and the record it is about. */
export function WorkItem({ activity, when, overdue, pending, onToggle, onOpen }: WorkItemProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const TypeIcon = ACTIVITY_ICONS[activity.type];
  const record = RECORDS.find((r) => activity[r.key]);
  const recordId = record ? activity[record.key] : null;
  // The people met or called: what one needs to know at a glance (users are colleagues).
  const contacts = contactNames(activity.participants, t);
  return (
    <Paper withBorder radius="md" px="sm" py={8} data-testid="work-item" opacity={activity.done ? 0.65 : 1}>
      <Group gap="sm" wrap="nowrap">
        <Checkbox
          checked={activity.done}
          disabled={pending}
          onChange={() => onToggle(activity)}
          aria-label={t(activity.done ? "myWork.markOpen" : "myWork.markDone", { subject: activity.subject })}
        />
        <ThemeIcon size={28} radius="xl" variant="light" color={ACTIVITY_COLORS[activity.type]}>
          <TypeIcon size={16} aria-hidden />
        </ThemeIcon>
        <UnstyledButton
          onClick={() => onOpen(activity.id)}
          // Named by what it shows (subject, type, when): a label of its own would hide that from voice
          // control and screen readers (axe label-content-name-mismatch, issue #15 point 7).
          style={{ flex: 1, minWidth: 0 }}
        >
          <Text size="sm" fw={600} truncate td={activity.done ? "line-through" : undefined}>
            {activity.subject}
          </Text>
          <Text size="xs" c={overdue ? "red" : "dimmed"} truncate>
            {t(`activities.type.${activity.type}`)} · {when}
            {contacts.length > 0 && ` · ${t("myWork.with", { names: contacts.join(", ") })}`}
          </Text>
        </UnstyledButton>
        {activity.ownerId !== me.id && (
          <Badge size="sm" variant="light" color="gray" tt="none">
            {t("myWork.participant")}
          </Badge>
        )}
        {record && recordId && (
          <Anchor
            component={Link}
            to={`${record.path}/${recordId}`}
            size="xs"
            style={{ whiteSpace: "nowrap" }}
          >
            {t(`myWork.openRecord.${record.entity}`)}
          </Anchor>
        )}
      </Group>
    </Paper>
  );
}
