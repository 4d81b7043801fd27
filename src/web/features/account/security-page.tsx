import { Stack, Switch, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { notifyError, notifySuccess } from "@web/components/notify";
import { PageHeader } from "@web/components/page-header";
import { SectionCard } from "@web/components/section-card";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { useTranslation } from "react-i18next";
import { SessionsCard } from "./sessions-card";
import { TwoFactorCard } from "./two-factor-card";
import { accountSettingsQuery, useSaveAccountSettings } from "./use-security";

/** Settings → Security: one's two-factor and sessions; for admins, the rule for all admins. */
export function SecurityPage() {
  const { t } = useTranslation();
  const { abilities } = useCurrentUser();
  return (
    <Stack gap="lg" maw={900}>
      <PageHeader order={2} title={t("settings.security")} description={t("security.description")} />
      <TwoFactorCard />
      <SessionsCard />
      {abilities["settings.manage"] && <AdminRuleCard />}
    </Stack>
  );
}

function AdminRuleCard() {
  const { t } = useTranslation();
  const settings = useQuery(accountSettingsQuery);
  const save = useSaveAccountSettings();
  return (
    <SectionCard title={t("security.adminRuleTitle")}>
      <Switch
        label={t("security.requireAdminTwoFactor")}
        description={t("security.requireAdminTwoFactorHint")}
        checked={settings.data?.requireAdminTwoFactor ?? false}
        disabled={!settings.isSuccess || save.isPending}
        onChange={(event) => {
          const requireAdminTwoFactor = event.currentTarget.checked;
          save.mutate(
            { requireAdminTwoFactor },
            {
              onSuccess: () => notifySuccess(t("security.saved")),
              onError: (error) => notifyError(error),
            },
          );
        }}
      />
      {settings.isError && (
        <Text size="sm" c="red" mt="xs">
          {t("errors.unexpected")}
        </Text>
      )}
    </SectionCard>
  );
}
