import { AppShell } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useQuery } from "@tanstack/react-query";
import { CurrentUserContext } from "@web/features/auth/current-user-context";
import { sessionQuery } from "@web/features/auth/session";
import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { AppHeader } from "./app-header";
import { AppNavbar } from "./app-navbar";

export function AppShellLayout() {
  const { t } = useTranslation();
  const [navOpened, { toggle, close }] = useDisclosure(false);
  const { data: user } = useQuery(sessionQuery);
  // The route loader guarantees a user on entry; it disappears only while logout or an expired
  // session is already navigating to /login, so there is nothing to show meanwhile.
  if (!user) return null;

  return (
    <CurrentUserContext value={user}>
      <AppShell
        header={{ height: 60 }}
        navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !navOpened } }}
        padding={{ base: "md", sm: "xl" }}
      >
        <AppShell.Header>
          <AppHeader navOpened={navOpened} onToggleNav={toggle} />
        </AppShell.Header>
        <AppShell.Navbar aria-label={t("nav.label")}>
          <AppNavbar onNavigate={close} />
        </AppShell.Navbar>
        <AppShell.Main>
          <Outlet />
        </AppShell.Main>
      </AppShell>
    </CurrentUserContext>
  );
}
