import { Tabs } from "@mantine/core";
import { PageHeader } from "@web/components/page-header";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { useTranslation } from "react-i18next";
import { Outlet, useLocation, useNavigate } from "react-router";
import { SETTINGS_TABS } from "./settings-tabs";

export function SettingsLayout() {
  const { t } = useTranslation();
  const { abilities } = useCurrentUser();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const current = pathname.split("/")[2] ?? "profile";
  const tabs = SETTINGS_TABS.filter((tab) => tab.ability === null || abilities[tab.ability]);

  return (
    <>
      <PageHeader title={t("settings.title")} />
      <Tabs
        value={current}
        onChange={(value) => {
          if (value) void navigate(`/settings/${value}`);
        }}
      >
        <Tabs.List aria-label={t("settings.sections")} mb="xl">
          {tabs.map(({ path, labelKey, icon: TabIcon }) => (
            <Tabs.Tab key={path} value={path} leftSection={<TabIcon size={16} stroke={1.5} aria-hidden />}>
              {t(`settings.${labelKey}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {/* Only the active section exists; the router owns which one that is. */}
        <Tabs.Panel value={current}>
          <Outlet />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
