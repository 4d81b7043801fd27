import type { Browser, Page } from "@playwright/test";
import { generate } from "otplib";
import { startSmtpSink } from "../test/smtp-sink";
import { closeNotifications, expect, screenshot, test, unique } from "./fixtures";

const PASSWORD = "sales-person-pass-1";
const codeAt = (secret: string, stepsAhead: number) =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + stepsAhead * 30 });

/** A browser without the admin's session, in the given language. */
async function visitor(browser: Browser, baseURL: string | undefined, locale: "en-US" | "de-DE") {
  const context = await browser.newContext({
    // Not the admin's session, which the runner would otherwise hand to every new context.
    storageState: { cookies: [], origins: [] },
    baseURL,
    locale,
    timezoneId: "Europe/Berlin",
    viewport: { width: 1280, height: 860 },
    colorScheme: "light",
  });
  return { context, page: await context.newPage() };
}

async function passwordStep(page: Page, email: string, password: string, submit: string) {
  await page.getByRole("textbox", { name: /^(Email|E-Mail)/ }).fill(email);
  await page.getByRole("textbox", { name: /^(Password|Passwort)$/ }).fill(password);
  await page.getByRole("button", { name: submit }).click();
}

test("two-factor: set up on Settings → Security, asked for at login, recovery code once; reset password by mail", async ({
  api,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const tag = unique();
  const email = `tara-${tag}@example.com`;
  const user = await api.send<{ id: string; version: number }>("POST", "/users", {
    email,
    password: PASSWORD,
    name: `Tara Zwei ${tag}`,
    role: "sales",
    teamId: null,
    locale: "en",
  });

  // English: log in, set up two-factor with the app's first code, see the recovery codes once.
  const en = await visitor(browser, baseURL, "en-US");
  await en.page.goto("/login");
  await passwordStep(en.page, email, PASSWORD, "Log in");
  await expect(en.page.getByRole("navigation", { name: "Main navigation" })).toBeVisible({ timeout: 15_000 });
  await en.page.goto("/settings/security");
  await en.page.getByRole("button", { name: "Set up two-factor" }).click();
  const secret = (await en.page.getByTestId("totp-secret").textContent()) ?? "";
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await expect(en.page.getByRole("img", { name: "QR code for the authenticator app" })).toBeVisible();
  await screenshot(en.page, "accounts-two-factor-setup-en");
  await en.page.getByRole("textbox", { name: "Code" }).fill(await codeAt(secret, 0));
  await en.page.getByRole("button", { name: "Turn on" }).click();
  const codesDialog = en.page.getByRole("dialog", { name: "Your recovery codes" });
  await expect(codesDialog.getByTestId("recovery-codes").getByRole("listitem")).toHaveCount(10);
  const recoveryCodes = await codesDialog.getByRole("listitem").allTextContents();
  await screenshot(en.page, "accounts-recovery-codes-en");
  await codesDialog.getByRole("button", { name: "I have saved the codes" }).click();
  await expect(en.page.getByText("10 unused recovery codes left.")).toBeVisible();
  await expect(en.page.getByRole("table", { name: "Sessions" }).getByText("This session")).toBeVisible();
  await closeNotifications(en.page);
  await screenshot(en.page, "accounts-security-en", true);

  // A new login asks for the code; the next step's code (within the allowed drift) lets the user in.
  await en.context.clearCookies();
  await en.page.goto("/login");
  await passwordStep(en.page, email, PASSWORD, "Log in");
  await expect(en.page.getByRole("heading", { name: "Two-factor authentication" })).toBeVisible();
  await screenshot(en.page, "accounts-login-code-en");
  await en.page.getByRole("textbox", { name: "Code" }).fill(await codeAt(secret, 1));
  await en.page.getByRole("button", { name: "Verify" }).click();
  await expect(en.page.getByRole("navigation", { name: "Main navigation" })).toBeVisible({ timeout: 15_000 });

  // German, with a recovery code; the same code a second time is refused.
  await api.send("PATCH", `/users/${user.id}`, { locale: "de" });
  const de = await visitor(browser, baseURL, "de-DE");
  await de.page.goto("/login");
  await passwordStep(de.page, email, PASSWORD, "Anmelden");
  await expect(de.page.getByRole("heading", { name: "Zwei-Faktor-Anmeldung" })).toBeVisible();
  await de.page.getByRole("button", { name: "Stattdessen einen Wiederherstellungscode verwenden" }).click();
  await de.page.getByRole("textbox", { name: "Wiederherstellungscode" }).fill(recoveryCodes[0] ?? "");
  await screenshot(de.page, "accounts-login-recovery-de");
  await de.page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(de.page.getByRole("navigation", { name: "Hauptnavigation" })).toBeVisible({ timeout: 15_000 });
  await de.page.goto("/settings/security");
  await expect(de.page.getByText("Noch 9 unbenutzte Wiederherstellungscodes.")).toBeVisible();
  // The header and three sessions: the browser forgot the first English one, the server did not.
  await expect(de.page.getByRole("table", { name: "Sitzungen" }).getByRole("row")).toHaveCount(4);
  await screenshot(de.page, "accounts-security-de", true);
  await de.context.clearCookies();
  await de.page.goto("/login");
  await passwordStep(de.page, email, PASSWORD, "Anmelden");
  await de.page.getByRole("button", { name: "Stattdessen einen Wiederherstellungscode verwenden" }).click();
  await de.page.getByRole("textbox", { name: "Wiederherstellungscode" }).fill(recoveryCodes[0] ?? "");
  await de.page.getByRole("button", { name: "Bestätigen" }).click();
  await expect(de.page.getByText("Der Code stimmt nicht oder wurde schon benutzt")).toBeVisible();

  // Password reset by mail, in the user's language, through a real SMTP server.
  const sink = await startSmtpSink();
  try {
    await api.send("PUT", "/settings/email", {
      smtp: { host: "127.0.0.1", port: sink.port, security: "none", from: "crm@leadwerk.test" },
    });
    await de.page.goto("/login");
    await de.page.getByRole("link", { name: "Passwort vergessen?" }).click();
    await de.page.getByRole("textbox", { name: /^E-Mail/ }).fill(email);
    await de.page.getByRole("button", { name: "Link senden" }).click();
    await expect(
      de.page.getByText(`Gehört ${email} zu einem Konto, ist ein Link unterwegs.`, { exact: false }),
    ).toBeVisible();
    await screenshot(de.page, "accounts-forgot-password-de");
    const [mail] = await sink.waitFor(1, 30_000);
    expect(mail?.parsed.subject).toBe("Passwort für Leadwerk zurücksetzen");
    const link = /(https?:\/\/\S+\/reset-password#\S+)/.exec(mail?.parsed.text ?? "")?.[1] ?? "";
    await de.page.goto(link);
    await de.page.getByRole("textbox", { name: "Neues Passwort", exact: true }).fill("a fresh reset pass 1");
    await de.page
      .getByRole("textbox", { name: "Neues Passwort bestätigen", exact: true })
      .fill("a fresh reset pass 1");
    await screenshot(de.page, "accounts-reset-password-de");
    await de.page.getByRole("button", { name: "Passwort speichern" }).click();
    await expect(de.page.getByText("Ihr neues Passwort ist gesetzt.", { exact: false })).toBeVisible();
    // The English login is over: a reset ends every session.
    expect((await en.page.request.get("/api/v1/me")).status()).toBe(401);
    // The link works once.
    await en.page.goto(link);
    await en.page.getByRole("textbox", { name: "New password", exact: true }).fill("another reset pass 2");
    await en.page
      .getByRole("textbox", { name: "Confirm new password", exact: true })
      .fill("another reset pass 2");
    await en.page.getByRole("button", { name: "Save password" }).click();
    await expect(en.page.getByText("This link is invalid, used or expired.")).toBeVisible();
    await screenshot(en.page, "accounts-reset-password-used-en");
  } finally {
    await api.send("PUT", "/settings/email", { smtp: null });
    await sink.close();
    await en.context.close();
    await de.context.close();
  }
});
