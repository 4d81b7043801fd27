import { useQuery } from "@tanstack/react-query";
import { type ActivityQuery, listAllActivities } from "@web/features/activities/activities-api";
import { activityKeys } from "@web/features/activities/use-activities";
import dayjs from "dayjs";

/** Tasks and appointments: what My work plans around (notes and logged emails have no time). */
const PLANNED = ["task", "meeting", "call"] as const;
const UPCOMING_DAYS = 14;

/** Day bounds in the browser's time zone, so "today" is the user's today. */
export function dayBounds(now = dayjs()) {
  const today = now.startOf("day");
  return {
    today: today.toISOString(),
    tomorrow: today.add(1, "day").toISOString(),
    horizon: today.add(UPCOMING_DAYS + 1, "day").toISOString(),
  };
}

function useSection(name: string, query: ActivityQuery) {
  return useQuery({
    queryKey: [...activityKeys.all, "my-work", name, query],
    queryFn: ({ signal }) => listAllActivities(query, signal, 2),
  });
}

/** The caller's overdue, today's and upcoming tasks and appointments (owned or taking part). */
export function useMyWork(bounds: ReturnType<typeof dayBounds>) {
  const base: ActivityQuery = { mine: true, sort: "occursAt", type: [...PLANNED] };
  return {
    overdue: useSection("overdue", { ...base, done: false, to: bounds.today }),
    today: useSection("today", { ...base, from: bounds.today, to: bounds.tomorrow }),
    upcoming: useSection("upcoming", { ...base, done: false, from: bounds.tomorrow, to: bounds.horizon }),
  };
}
