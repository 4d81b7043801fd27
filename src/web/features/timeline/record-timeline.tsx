import { Button, Group, Select, Stack, Timeline } from "@mantine/core";
import type { ActivityType } from "@shared/schemas/activity";
import { notifyError } from "@web/components/notify";
import { QueryStates } from "@web/components/query-states";
import { SectionCard } from "@web/components/section-card";
import { ActivityEditModal } from "@web/features/activities/activity-edit-modal";
import { ActivityFormModal, type ActivityLinks } from "@web/features/activities/activity-form-modal";
import { useToggleDone } from "@web/features/activities/use-activities";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { TimelineEntity, TimelineFilter } from "./timeline-api";
import { timelineEntry } from "./timeline-entry";
import { TimelineNoteBox } from "./timeline-note-box";
import { TimelineQuickAdd } from "./timeline-quick-add";
import { useRecordTimeline } from "./use-record-timeline";

export type { TimelineEntity };

export interface RecordTimelineDefaults extends ActivityLinks {
  /** The record's display name, used in default subjects ("Call with …"). */
  name?: string;
}

export interface RecordTimelineProps {
  entity: TimelineEntity;
  id: string;
  /**
   * Links every quick-added activity gets besides the record itself, e.g. a deal's company and
   * primary contact, so the activity also appears on their timelines.
   */
  defaults?: RecordTimelineDefaults;
  /** The card title; "Timeline" by default. */
  title?: string;
}

const FILTERS: TimelineFilter[] = ["all", "call", "meeting", "task", "note", "email", "history"];
const ENTITY_LINK = { lead: "leadId", contact: "contactId", company: "companyId", deal: "dealId" } as const;

/**
 * A record's timeline: activities and history, newest first, filterable by type, paged with
 * "load more", with quick add at the top. Used on the lead, contact, company and deal pages.
 */
export function RecordTimeline({ entity, id, defaults, title }: RecordTimelineProps) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<TimelineFilter>("all");
  const [adding, setAdding] = useState<ActivityType | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const timeline = useRecordTimeline(entity, id, filter);
  const { names } = useOwnerOptions();
  const { toggle, pendingId } = useToggleDone();
  const userName = (userId: string) => names.get(userId) ?? t("timeline.otherUser");
  const items = timeline.data?.pages.flatMap((page) => page.data) ?? [];
  const { name, ...links } = defaults ?? {};
  const heading = title ?? t("timeline.title");

  const filterOptions = FILTERS.map((value) => ({
    value,
    label: t(`timeline.filter.${value}`),
  }));

  return (
    <SectionCard
      title={heading}
      actions={
        <Select
          size="xs"
          w={170}
          aria-label={t("timeline.filterLabel")}
          data={filterOptions}
          value={filter}
          allowDeselect={false}
          onChange={(value) => setFilter((value as TimelineFilter | null) ?? "all")}
        />
      }
    >
      <Stack gap="sm">
        <TimelineNoteBox links={{ ...links, [ENTITY_LINK[entity]]: id }} />
        <TimelineQuickAdd onAdd={setAdding} />
        <QueryStates
          query={timeline}
          compact
          isEmpty={items.length === 0}
          emptyText={filter === "all" ? t("timeline.empty") : t("timeline.emptyFiltered")}
        />
        {items.length > 0 && (
          <Timeline bulletSize={26} lineWidth={2} mt="xs" aria-label={heading}>
            {items.map((item) =>
              timelineEntry({
                item,
                userName,
                onEdit: setEditing,
                onToggleDone: (activity) => void toggle(activity).catch(notifyError),
                togglePending: pendingId === item.activity?.id,
              }),
            )}
          </Timeline>
        )}
        {timeline.hasNextPage && (
          <Group>
            <Button
              variant="default"
              size="xs"
              onClick={() => void timeline.fetchNextPage()}
              loading={timeline.isFetchingNextPage}
            >
              {t("common.loadMore")}
            </Button>
          </Group>
        )}
      </Stack>
      <ActivityFormModal
        type={adding}
        links={{ ...links, [ENTITY_LINK[entity]]: id }}
        {...(name ? { recordName: name } : {})}
        onClose={() => setAdding(null)}
      />
      <ActivityEditModal id={editing} onClose={() => setEditing(null)} />
    </SectionCard>
  );
}
