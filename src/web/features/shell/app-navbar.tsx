import { AppShell, NavLink, ScrollArea } from "@mantine/core";
import { type Icon, IconSettings } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";
import { NAV_ITEMS } from "./nav-items";

interface ShellNavLinkProps {
  to: string;
  label: string;
  icon: Icon;
  onNavigate: () => void;
}

function ShellNavLink({ to, label, icon: ItemIcon, onNavigate }: ShellNavLinkProps) {
  const { pathname } = useLocation();
  const active = pathname === to || pathname.startsWith(`${to}/`);
  return (
    <NavLink
      component={Link}
      to={to}
      label={label}
      active={active}
      aria-current={active ? "page" : undefined}
      leftSection={<ItemIcon size={20} stroke={1.5} aria-hidden />}
      onClick={onNavigate}
      variant="light"
      style={{ borderRadius: "var(--mantine-radius-md)" }}
      mb={2}
    />
  );
}

export function AppNavbar({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation();
  return (
    <>
      <AppShell.Section grow component={ScrollArea} p="sm">
        {NAV_ITEMS.map((item) => (
          <ShellNavLink
            key={item.to}
            to={item.to}
            label={t(`nav.${item.labelKey}`)}
            icon={item.icon}
            onNavigate={onNavigate}
          />
        ))}
      </AppShell.Section>
      <AppShell.Section p="sm" style={{ borderTop: "1px solid var(--app-shell-border-color)" }}>
        <ShellNavLink to="/settings" label={t("nav.settings")} icon={IconSettings} onNavigate={onNavigate} />
      </AppShell.Section>
    </>
  );
}
