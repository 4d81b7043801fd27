import type { DateSelectArg, EventContentArg, EventInput, EventSourceFuncArg } from "@fullcalendar/core";
import deLocale from "@fullcalendar/core/locales/de";
import enGbLocale from "@fullcalendar/core/locales/en-gb";
import dayGridPlugin from "@fullcalendar/daygrid";
// Click and drag on empty slots (`selectable`); FullCalendar's own plugin for it.
import interactionPlugin from "@fullcalendar/interaction";
import FullCalendar from "@fullcalendar/react";
import timeGridPlugin from "@fullcalendar/timegrid";
import { Button, Paper, SegmentedControl, Stack } from "@mantine/core";
import { IconRss } from "@tabler/icons-react";
import { notifyError } from "@web/components/notify";
import { PageHeader } from "@web/components/page-header";
import { type Activity, listAllActivities } from "@web/features/activities/activities-api";
import { ActivityEditModal } from "@web/features/activities/activity-edit-modal";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { ACTIVITY_COLORS } from "@web/features/timeline/activity-visuals";
import { useLiveEvents } from "@web/lib/live-events";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { AppointmentCreateModal, type Slot } from "./appointment-create-modal";
import { CalendarFeedModal } from "./calendar-feed-modal";
import classes from "./calendar-page.module.css";

type Scope = "mine" | "team";
const DEFAULT_MINUTES = 30;

function toEvent(activity: Activity): EventInput | null {
  const start = activity.startsAt ?? activity.dueAt;
  if (!start) return null;
  const end =
    activity.startsAt && activity.endsAt
      ? activity.endsAt
      : new Date(Date.parse(start) + DEFAULT_MINUTES * 60_000).toISOString();
  // The theme's light variant: text on it reaches 4.5:1 in both colour schemes (issue #15 point 7),
  // white on the filled colours did not.
  const color = ACTIVITY_COLORS[activity.type];
  return {
    id: activity.id,
    title: activity.type === "task" && activity.done ? `✓ ${activity.subject}` : activity.subject,
    start,
    end,
    backgroundColor: `var(--mantine-color-${color}-light)`,
    borderColor: `var(--mantine-color-${color}-filled)`,
    textColor: `var(--mantine-color-${color}-light-color)`,
    classNames: activity.done ? [classes.done ?? ""] : [],
  };
}

/** A day clicked in the month view becomes 09:00–09:30 of that day; a time slot keeps its times. */
function slotOf(selection: DateSelectArg): Slot {
  if (!selection.allDay) return { start: selection.start, end: selection.end };
  const start = new Date(selection.start);
  start.setHours(9, 0, 0, 0);
  return { start, end: new Date(start.getTime() + DEFAULT_MINUTES * 60_000) };
}

/** Time and title on one line, so a 30-minute appointment stays readable. */
function EventLine({ event, timeText }: EventContentArg) {
  return (
    <div className={classes.eventLine} title={`${timeText} ${event.title}`}>
      {timeText && <span className={classes.eventTime}>{timeText}</span>}
      <span className={classes.eventTitle}>{event.title}</span>
    </div>
  );
}

/** Week and month views of the user's (or, for managers, the team's) meetings, calls and tasks. */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const me = useCurrentUser();
  const calendarRef = useRef<FullCalendar>(null);
  const broad = me.abilities["activity.read_all"];
  const [scope, setScope] = useState<Scope>("mine");
  const [opened, setOpened] = useState<string | null>(null);
  const [feedOpen, setFeedOpen] = useState(false);
  const [slot, setSlot] = useState<Slot | null>(null);
  const refetch = () => calendarRef.current?.getApi().refetchEvents();
  // When the shown range was last asked for (performance.now()): the live stream refetches it when it
  // opens later than that, as a change made in between would not reach it (lib/live-events.ts).
  const askedAt = useRef<number | null>(null);
  useLiveEvents(["activity.changed"], refetch, (openedAt) => {
    if (askedAt.current !== null && askedAt.current < openedAt) refetch();
  });

  const scrolledFor = useRef<string | null>(null);
  /**
   * Once per shown week, scroll to an hour before its earliest appointment (FullCalendar opens at
   * 07:00 and resets the scroll on every view change).
   */
  const scrollToEarliest = () => {
    const api = calendarRef.current?.getApi();
    if (api?.view.type !== "timeGridWeek") return;
    const { activeStart, activeEnd } = api.view;
    const hours = api
      .getEvents()
      .flatMap((e) => (e.start && e.start >= activeStart && e.start < activeEnd ? [e.start.getHours()] : []));
    const key = activeStart.toISOString();
    if (hours.length === 0 || scrolledFor.current === key) return;
    scrolledFor.current = key;
    const hour = Math.max(Math.min(...hours) - 1, 0);
    requestAnimationFrame(() => api.scrollToTime(`${String(hour).padStart(2, "0")}:00:00`));
  };

  const loadEvents = (
    info: EventSourceFuncArg,
    success: (events: EventInput[]) => void,
    failure: (e: Error) => void,
  ) => {
    askedAt.current = performance.now();
    listAllActivities({
      ...(scope === "mine" ? { mine: true } : {}),
      sort: "occursAt",
      type: ["meeting", "call", "task"],
      from: info.start.toISOString(),
      to: info.end.toISOString(),
    })
      .then((list) => success(list.flatMap((a) => toEvent(a) ?? [])))
      .catch((error: unknown) => {
        notifyError(error);
        failure(error instanceof Error ? error : new Error(String(error)));
      });
  };

  return (
    <Stack gap="md">
      <PageHeader
        title={t("calendar.title")}
        actions={
          <>
            {broad && (
              <SegmentedControl
                aria-label={t("calendar.scope")}
                value={scope}
                onChange={(value) => setScope(value === "team" ? "team" : "mine")}
                data={[
                  { value: "mine", label: t("calendar.mine") },
                  { value: "team", label: t("calendar.team") },
                ]}
              />
            )}
            <Button
              variant="default"
              leftSection={<IconRss size={16} aria-hidden />}
              onClick={() => setFeedOpen(true)}
            >
              {t("calendar.feed.button")}
            </Button>
          </>
        }
      />
      <Paper withBorder radius="md" p="md" className={classes.calendar}>
        <FullCalendar
          // A new key per scope reloads the events with the new filter.
          key={scope}
          ref={calendarRef}
          plugins={[dayGridPlugin, timeGridPlugin, interactionPlugin]}
          initialView="timeGridWeek"
          headerToolbar={{
            left: "prev,next today",
            center: "title",
            right: "timeGridDay,timeGridWeek,dayGridMonth",
          }}
          // en-gb's own texts are lower case ("month"); ours follow the app's language and its capitals.
          buttonText={{
            today: t("calendar.view.today"),
            day: t("calendar.view.day"),
            week: t("calendar.view.week"),
            month: t("calendar.view.month"),
          }}
          locales={[deLocale, enGbLocale]}
          locale={i18n.resolvedLanguage === "de" ? "de" : "en-gb"}
          firstDay={1}
          // Words instead of FullCalendar's icon font, whose role="img" spans have no name (axe role-img-alt).
          buttonIcons={false}
          nowIndicator
          scrollTime="07:00:00"
          allDaySlot={false}
          height={760}
          eventInteractive
          eventMinHeight={24}
          // "10:00" in both languages (German's own format says "10 Uhr", English "10am").
          eventTimeFormat={{ hour: "2-digit", minute: "2-digit", hour12: false }}
          // The start only: a 30-minute event's block shows its end already, and the title gets the room.
          displayEventEnd={false}
          eventDisplay="block"
          eventContent={EventLine}
          selectable
          selectMirror
          select={(selection) => {
            setSlot(slotOf(selection));
            selection.view.calendar.unselect();
          }}
          events={loadEvents}
          eventsSet={scrollToEarliest}
          datesSet={() => {
            scrolledFor.current = null;
            scrollToEarliest();
          }}
          eventClick={(info) => {
            info.jsEvent.preventDefault();
            setOpened(info.event.id);
          }}
        />
      </Paper>
      <AppointmentCreateModal
        slot={slot}
        onClose={() => {
          setSlot(null);
          refetch();
        }}
      />
      <ActivityEditModal
        id={opened}
        withRecordLink
        onClose={() => {
          setOpened(null);
          refetch();
        }}
      />
      <CalendarFeedModal opened={feedOpen} onClose={() => setFeedOpen(false)} />
    </Stack>
  );
}
