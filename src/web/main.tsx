import "./lib/zod-jitless";
import "@mantine/core/styles.css";
import "@mantine/dates/styles.css";
import "@mantine/notifications/styles.css";
import "./styles/inter.css";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app";
import { i18nReady } from "./i18n/i18n";

const container = document.getElementById("root");
if (!container) throw new Error("index.html lacks the #root element");

const root = container;
// The first paint waits for the user's language (one small request) so that no screen flashes keys.
void i18nReady.finally(() => {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
