import type { ChangePasswordRequest, UpdateMeRequest } from "@shared/schemas/account";
import type { Locale } from "@shared/schemas/common";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { notifyError } from "@web/components/notify";
import { apiTokensQuery } from "@web/features/api-tokens/use-api-tokens";
import { sessionQuery, startSession } from "@web/features/auth/session";
import { i18n } from "@web/i18n/i18n";
import { accountApi } from "./account-api";

export function useUpdateMe() {
  return useMutation({
    mutationFn: (body: UpdateMeRequest) => accountApi.updateMe(body),
    onSuccess: startSession,
  });
}

export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChangePasswordRequest) => accountApi.changePassword(body),
    // The token list must not show tokens that were just revoked.
    onSuccess: (_data, body) =>
      body.revokeApiTokens ? queryClient.invalidateQueries({ queryKey: apiTokensQuery.queryKey }) : undefined,
  });
}

/**
 * Switches the UI language at once; for a logged-in user it also saves the choice on the server,
 * because at the next login the saved locale wins over the browser's.
 */
export function useChangeLanguage() {
  const queryClient = useQueryClient();
  const updateMe = useUpdateMe();
  return (locale: Locale) => {
    // Read at click time: on the login and setup screens there is no session to subscribe to.
    const user = queryClient.getQueryData(sessionQuery.queryKey);
    void i18n.changeLanguage(locale);
    if (user && user.locale !== locale)
      updateMe.mutate({ locale }, { onError: (error) => notifyError(error) });
  };
}
