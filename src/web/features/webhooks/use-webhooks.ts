import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type UpdateWebhookRequest, webhooksApi } from "./webhooks-api";

export const webhooksQuery = queryOptions({
  queryKey: ["webhooks"],
  queryFn: async ({ signal }) => (await webhooksApi.list(signal)).data,
});

export function useWebhooks() {
  return useQuery(webhooksQuery);
}

/** Every change to a subscription refreshes the list (and, for tests and replays, the log). */
function useWebhookMutation<A, R>(fn: (args: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: webhooksQuery.queryKey }),
        queryClient.invalidateQueries({ queryKey: ["webhook-deliveries"] }),
      ]),
  });
}

export const useCreateWebhook = () => useWebhookMutation(webhooksApi.create);
export const useUpdateWebhook = () =>
  useWebhookMutation(({ id, body }: { id: string; body: UpdateWebhookRequest }) =>
    webhooksApi.update(id, body),
  );
export const useDeleteWebhook = () => useWebhookMutation(webhooksApi.remove);
export const useRotateSecret = () => useWebhookMutation(webhooksApi.rotate);
export const useSendTestEvent = () => useWebhookMutation(webhooksApi.test);
export const useReplayDelivery = () =>
  useWebhookMutation(({ id, deliveryId }: { id: string; deliveryId: string }) =>
    webhooksApi.replay(id, deliveryId),
  );

/** One subscription's delivery log, newest first; refreshed every 5 s while open, so outcomes show. */
export function useDeliveries(id: string) {
  return useInfiniteQuery({
    queryKey: ["webhook-deliveries", id],
    queryFn: ({ pageParam, signal }) => webhooksApi.deliveries(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: 5_000,
  });
}
