import type { AccountSettings, TwoFactorProof } from "@shared/schemas/account-security";
import { queryOptions, useMutation, useQueryClient } from "@tanstack/react-query";
import { sessionQuery } from "@web/features/auth/session";
import { securityApi } from "./security-api";

export const twoFactorQuery = queryOptions({
  queryKey: ["me", "two-factor"],
  queryFn: securityApi.twoFactor,
});
export const sessionsQuery = queryOptions({ queryKey: ["me", "sessions"], queryFn: securityApi.sessions });
export const accountSettingsQuery = queryOptions({
  queryKey: ["settings", "accounts"],
  queryFn: securityApi.settings,
});

/** After two-factor changed: its status, and the session's "set it up first" flag. */
function useTwoFactorChanged() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: twoFactorQuery.queryKey });
    await queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
  };
}

export function useStartTwoFactor() {
  return useMutation({ mutationFn: securityApi.startSetup });
}

export function useConfirmTwoFactor() {
  const changed = useTwoFactorChanged();
  return useMutation({ mutationFn: (code: string) => securityApi.confirmSetup(code), onSuccess: changed });
}

export function useRegenerateCodes() {
  const changed = useTwoFactorChanged();
  return useMutation({
    mutationFn: (proof: TwoFactorProof) => securityApi.regenerateCodes(proof),
    onSuccess: changed,
  });
}

export function useDisableTwoFactor() {
  const changed = useTwoFactorChanged();
  return useMutation({
    mutationFn: (proof: TwoFactorProof) => securityApi.disable(proof),
    onSuccess: changed,
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (id: string): Promise<void> => {
      if (id === "others") await securityApi.revokeOthers();
      else await securityApi.revokeSession(id);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sessionsQuery.queryKey }),
  });
}

export function useSaveAccountSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AccountSettings) => securityApi.saveSettings(body),
    onSuccess: async (saved) => {
      queryClient.setQueryData(accountSettingsQuery.queryKey, saved);
      await queryClient.invalidateQueries({ queryKey: sessionQuery.queryKey });
      await queryClient.invalidateQueries({ queryKey: twoFactorQuery.queryKey });
    },
  });
}
