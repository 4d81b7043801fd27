import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type Activity, activitiesApi, type UpdateActivityRequest } from "./activities-api";

export const activityKeys = {
  all: ["activities"] as const,
  detail: (id: string) => ["activities", "detail", id] as const,
};

/** Record caches an activity shows up in: lists, timelines (keyed under the record) and My work. */
const AFFECTED = [["activities"], ["timeline"], ["leads"], ["contacts"], ["companies"], ["deals"]] as const;

export function useInvalidateActivities() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(AFFECTED.map((queryKey) => queryClient.invalidateQueries({ queryKey: [...queryKey] })));
}

export function useActivity(id: string | null) {
  return useQuery({
    queryKey: activityKeys.detail(id ?? ""),
    queryFn: ({ signal }) => activitiesApi.get(id ?? "", signal),
    enabled: Boolean(id),
  });
}

export function useUpdateActivity() {
  const invalidate = useInvalidateActivities();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateActivityRequest }) => activitiesApi.update(id, body),
    onSuccess: () => invalidate(),
  });
}

/** Ticks an activity done or open again, with the version read (a stale one is a 409). */
export function useToggleDone() {
  const update = useUpdateActivity();
  return {
    toggle: (activity: Pick<Activity, "id" | "version" | "done">) =>
      update.mutateAsync({ id: activity.id, body: { done: !activity.done, version: activity.version } }),
    pendingId: update.isPending ? update.variables?.id : undefined,
  };
}
