import type { ActivityType } from "@shared/schemas/activity";
import {
  type Icon,
  IconCalendarEvent,
  IconChecklist,
  IconMail,
  IconNote,
  IconPhone,
} from "@tabler/icons-react";

export const ACTIVITY_ICONS: Record<ActivityType, Icon> = {
  call: IconPhone,
  meeting: IconCalendarEvent,
  task: IconChecklist,
  note: IconNote,
  email: IconMail,
};

/** Mantine colours per type: the same in the timeline, My work and the calendar. */
export const ACTIVITY_COLORS: Record<ActivityType, string> = {
  call: "teal",
  meeting: "indigo",
  task: "orange",
  note: "gray",
  email: "cyan",
};

const TYPES: readonly string[] = ["call", "meeting", "task", "note", "email"];
export const isActivityType = (value: string): value is ActivityType => TYPES.includes(value);
