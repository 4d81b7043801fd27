import { createTheme, Modal, Notification, PasswordInput, Select } from "@mantine/core";
import type { TFunction } from "i18next";

/**
 * The theme carries the accessible names of Mantine's own icon buttons, which Mantine leaves
 * unnamed or names in English; it is rebuilt when the language changes.
 */
/** Inter ships with the app (styles/inter.css); the rest is the fallback while it loads. */
const FONT_STACK =
  "'Inter Variable', Inter, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Noto Sans', sans-serif";

export function createAppTheme(t: TFunction) {
  const close = { "aria-label": t("common.close") };
  return createTheme({
    primaryColor: "indigo",
    defaultRadius: "md",
    fontFamily: FONT_STACK,
    // Mantine's headings keep their own (system) stack unless told.
    headings: { fontFamily: FONT_STACK, fontWeight: "650" },
    cursorType: "pointer",
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps: close } }),
      Notification: Notification.extend({ defaultProps: { closeButtonProps: close } }),
      PasswordInput: PasswordInput.extend({
        defaultProps: { visibilityToggleButtonProps: { "aria-label": t("common.togglePassword") } },
      }),
      Select: Select.extend({ defaultProps: { clearButtonProps: { "aria-label": t("common.clear") } } }),
    },
  });
}
