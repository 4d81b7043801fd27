import { localStorageColorSchemeManager, MantineProvider } from "@mantine/core";
import { DatesProvider } from "@mantine/dates";
import { Notifications } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { setUnauthorizedHandler } from "@web/api/api-client";
import { queryClient } from "@web/api/query-client";
import { endSession, loginPath } from "@web/features/auth/session";
import { router } from "@web/routes/router";
import { useMemo } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { RouterProvider } from "react-router/dom";
import { currentLocale, i18n } from "./i18n/i18n";
import "./i18n/dayjs-setup";
import { createAppTheme, cssVariablesResolver } from "./theme";

const colorSchemeManager = localStorageColorSchemeManager({ key: "leadwerk.color-scheme" });

// Any 401 outside the login flow means the session ended (expired, revoked, logged out elsewhere).
setUnauthorizedHandler(() => {
  const { pathname, search } = router.state.location;
  if (pathname === "/login" || pathname === "/setup") return;
  endSession();
  void router.navigate(loginPath(pathname + search), { replace: true });
});

function ThemedApp() {
  const { t, i18n: instance } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: t is stable; the language is what changes.
  const theme = useMemo(() => createAppTheme(t), [t, instance.language]);
  return (
    <MantineProvider
      theme={theme}
      colorSchemeManager={colorSchemeManager}
      defaultColorScheme="auto"
      cssVariablesResolver={cssVariablesResolver}
    >
      <Notifications position="bottom-right" />
      {/* Date pickers speak the UI language and start the week on Monday, as European teams expect. */}
      <DatesProvider settings={{ locale: currentLocale(), firstDayOfWeek: 1 }}>
        <QueryClientProvider client={queryClient}>
          <RouterProvider router={router} />
        </QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}

export function App() {
  return (
    <I18nextProvider i18n={i18n}>
      <ThemedApp />
    </I18nextProvider>
  );
}
