import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type EmailSettingsRequest, mailApi } from "./mail-api";

export const emailSettingsQuery = queryOptions({
  queryKey: ["settings", "email"],
  queryFn: ({ signal }) => mailApi.settings(signal),
});

export function useEmailSettings() {
  return useQuery(emailSettingsQuery);
}

export function useSaveEmailSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: EmailSettingsRequest) => mailApi.save(body),
    onSuccess: (settings) => {
      queryClient.setQueryData(emailSettingsQuery.queryKey, settings);
      // Saved SMTP settings send the waiting mails.
      return queryClient.invalidateQueries({ queryKey: ["outbox"] });
    },
  });
}

export function useEmailTest() {
  return useMutation({ mutationFn: mailApi.test });
}

/** The outbox, newest first; refreshed every 10 s while open, so a retry's outcome shows. */
export function useOutbox() {
  return useInfiniteQuery({
    queryKey: ["outbox"],
    queryFn: ({ pageParam, signal }) => mailApi.outbox(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: 10_000,
  });
}

export function useRetryMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: mailApi.retry,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["outbox"] }),
  });
}

export function useInboundMails() {
  return useInfiniteQuery({
    queryKey: ["inbound-mails"],
    queryFn: ({ pageParam, signal }) => mailApi.inbound(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
    refetchInterval: 10_000,
  });
}

export function useSendTestMail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ to, locale }: { to: string; locale: "de" | "en" }) => mailApi.testMail(to, locale),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["outbox"] }),
  });
}
