import {
  ActionIcon,
  Anchor,
  Badge,
  Checkbox,
  Group,
  Text,
  ThemeIcon,
  Timeline,
  Tooltip,
} from "@mantine/core";
import { IconDownload, IconHistory, IconPencil } from "@tabler/icons-react";
import { activitiesApi } from "@web/features/activities/activities-api";
import { HiddenContacts, isHiddenContact } from "@web/features/activities/participant-name";
import { EmailExtras } from "@web/features/mail/email-extras";
import { useFormat } from "@web/i18n/use-format";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ACTIVITY_COLORS, ACTIVITY_ICONS, isActivityType } from "./activity-visuals";
import { historyText } from "./history-text";
import { MarkdownText } from "./markdown-text";
import type { TimelineItem } from "./timeline-api";

interface TimelineEntryProps {
  item: TimelineItem;
  userName: (id: string) => string;
  onEdit: (activityId: string) => void;
  onToggleDone: (activity: NonNullable<TimelineItem["activity"]>) => void;
  togglePending: boolean;
}

/** The bullet, title line, details and footer of one timeline item. */
export function timelineEntry({ item, userName, onEdit, onToggleDone, togglePending }: TimelineEntryProps) {
  return (
    <Timeline.Item
      key={`${item.kind}-${item.id}`}
      bullet={<EntryBullet item={item} />}
      title={<EntryTitle item={item} userName={userName} />}
    >
      <EntryBody
        item={item}
        userName={userName}
        onEdit={onEdit}
        onToggleDone={onToggleDone}
        togglePending={togglePending}
      />
    </Timeline.Item>
  );
}

function EntryBullet({ item }: { item: TimelineItem }) {
  const type = item.activity && isActivityType(item.activity.type) ? item.activity.type : null;
  const ItemIcon = type ? ACTIVITY_ICONS[type] : IconHistory;
  return (
    <ThemeIcon
      size={26}
      radius="xl"
      variant={type ? "filled" : "light"}
      color={type ? ACTIVITY_COLORS[type] : "gray"}
    >
      <ItemIcon size={14} aria-hidden />
    </ThemeIcon>
  );
}

function EntryTitle({ item, userName }: { item: TimelineItem; userName: (id: string) => string }) {
  const { t } = useTranslation();
  const { activity } = item;
  if (!activity) {
    return (
      <Text size="sm" fw={600}>
        {historyText(item, { t, userName }).title}
      </Text>
    );
  }
  const type = isActivityType(activity.type) ? activity.type : null;
  const planned = activity.type === "task" || activity.type === "meeting";
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="sm" fw={600}>
        {type ? t(`activities.type.${type}`) : activity.type}: {activity.subject}
      </Text>
      {planned && (
        <Badge size="xs" variant="light" tt="none" color={activity.done ? "teal" : "blue"}>
          {t(activity.done ? "timeline.done" : "timeline.open")}
        </Badge>
      )}
    </Group>
  );
}

function EntryBody({ item, userName, onEdit, onToggleDone, togglePending }: TimelineEntryProps) {
  const { t } = useTranslation();
  const format = useFormat();
  const { activity } = item;
  const details = activity ? [] : historyText(item, { t, userName }).details;
  const when = activity?.startsAt
    ? activity.endsAt
      ? t("timeline.startsEnds", {
          start: format.dateTime(activity.startsAt),
          end: format.dateTime(activity.endsAt),
        })
      : t("timeline.starts", { date: format.dateTime(activity.startsAt) })
    : activity?.dueAt
      ? t("timeline.due", { date: format.dateTime(activity.dueAt) })
      : null;
  const planned = activity && (activity.type === "task" || activity.type === "meeting");
  return (
    <>
      {when && (
        <Text size="sm" c="dimmed">
          {when}
        </Text>
      )}
      {activity && activity.participants.length > 0 && <Participants list={activity.participants} />}
      {details.map((line) => (
        <Text key={line} size="sm" c="dimmed" style={{ whiteSpace: "pre-wrap" }}>
          {line}
        </Text>
      ))}
      {activity?.type === "email" ? (
        <EmailExtras
          activityId={activity.id}
          subject={activity.subject}
          text={activity.body && <MarkdownText>{activity.body}</MarkdownText>}
        />
      ) : (
        activity?.body && <MarkdownText>{activity.body}</MarkdownText>
      )}
      <Group gap="xs" mt={4} wrap="wrap">
        <Text size="xs" c="dimmed">
          {format.dateTime(item.at)} · {item.actor?.name ?? t("timeline.system")}
        </Text>
        {item.viaLeadId && (
          <Anchor component={Link} to={`/leads/${item.viaLeadId}`} size="xs">
            {t("timeline.viaLead")}
          </Anchor>
        )}
        {activity && planned && (
          <Checkbox
            size="xs"
            label={t("timeline.markDone")}
            checked={activity.done}
            disabled={togglePending}
            onChange={() => onToggleDone(activity)}
          />
        )}
        {activity && (
          <Group gap={2}>
            <Tooltip label={t("timeline.edit")}>
              <ActionIcon
                variant="subtle"
                size="sm"
                color="gray"
                aria-label={t("timeline.editActivity", { subject: activity.subject })}
                onClick={() => onEdit(activity.id)}
              >
                <IconPencil size={14} aria-hidden />
              </ActionIcon>
            </Tooltip>
            {(activity.startsAt || activity.dueAt) && (
              <Tooltip label={t("activities.ics")}>
                <ActionIcon
                  component="a"
                  href={activitiesApi.icsUrl(activity.id)}
                  download
                  variant="subtle"
                  size="sm"
                  color="gray"
                  aria-label={t("activities.icsFor", { subject: activity.subject })}
                >
                  <IconDownload size={14} aria-hidden />
                </ActionIcon>
              </Tooltip>
            )}
          </Group>
        )}
      </Group>
    </>
  );
}

/**
 * Who takes part; a contact links to its page. Contacts the reader may not see come last, counted
 * ("1 contact you cannot see"), as the API withholds their names.
 */
function Participants({ list }: { list: NonNullable<TimelineItem["activity"]>["participants"] }) {
  const { t } = useTranslation();
  const shown = list.filter((p) => !isHiddenContact(p));
  const hidden = list.length - shown.length;
  return (
    <Text size="sm" c="dimmed" data-testid="timeline-participants">
      {t("timeline.participants")}{" "}
      {shown.map((participant, i) => (
        <Fragment key={`${participant.kind}-${participant.id}`}>
          {i > 0 && ", "}
          {participant.kind === "contact" ? (
            <Anchor component={Link} to={`/contacts/${participant.id}`} size="sm">
              {participant.name}
            </Anchor>
          ) : (
            participant.name
          )}
        </Fragment>
      ))}
      {hidden > 0 && (
        <>
          {shown.length > 0 && ", "}
          <HiddenContacts count={hidden} />
        </>
      )}
    </Text>
  );
}
