import { Button, Divider, Group, Stack, Text } from "@mantine/core";
import type { User } from "@shared/schemas/account";
import { useMutation } from "@tanstack/react-query";
import { notifyError, notifySuccess } from "@web/components/notify";
import { securityApi } from "@web/features/account/security-api";
import { useTranslation } from "react-i18next";

/** On the user's page (admin): end all their sessions, or turn off their two-factor after a lost phone. */
export function UserSignInActions({ user }: { user: User }) {
  const { t } = useTranslation();
  const endSessions = useMutation({ mutationFn: () => securityApi.revokeUserSessions(user.id) });
  const resetTwoFactor = useMutation({ mutationFn: () => securityApi.resetUserTwoFactor(user.id) });
  return (
    <Stack gap="xs" mt="lg">
      <Divider label={t("users.signIn")} labelPosition="left" />
      <Text size="sm" c="dimmed">
        {t("users.signInHint")}
      </Text>
      <Group gap="sm">
        <Button
          variant="default"
          size="compact-sm"
          loading={endSessions.isPending}
          onClick={() =>
            endSessions.mutate(undefined, {
              onSuccess: ({ revoked }) =>
                notifySuccess(t("users.sessionsEnded", { count: revoked, name: user.name })),
              onError: (error) => notifyError(error),
            })
          }
        >
          {t("users.endSessions")}
        </Button>
        <Button
          variant="subtle"
          color="red"
          size="compact-sm"
          loading={resetTwoFactor.isPending}
          onClick={() =>
            resetTwoFactor.mutate(undefined, {
              onSuccess: () => notifySuccess(t("users.twoFactorReset", { name: user.name })),
              onError: (error) => notifyError(error),
            })
          }
        >
          {t("users.resetTwoFactor")}
        </Button>
      </Group>
    </Stack>
  );
}
