import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { gdprApi, type SubjectType } from "./gdpr-api";

export const privacyKey = (type: SubjectType, id: string) => ["privacy", type, id] as const;

export function usePrivacy(type: SubjectType, id: string) {
  return useQuery({
    queryKey: privacyKey(type, id),
    queryFn: ({ signal }) => gdprApi.privacy(type, id, signal),
  });
}

/** After any change of a person's data protection: their status, and (after an erasure) every record shown. */
export function usePrivacyMutation<T, R>(
  type: SubjectType,
  id: string,
  fn: (input: T) => Promise<R>,
  everything = false,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      everything
        ? queryClient.invalidateQueries()
        : queryClient.invalidateQueries({ queryKey: privacyKey(type, id) }),
  });
}
