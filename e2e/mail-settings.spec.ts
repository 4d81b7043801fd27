import { freePort } from "../test/free-port";
import { startSmtpSink } from "../test/smtp-sink";
import { closeNotifications, expect, screenshot, test } from "./fixtures";

test("Settings → Email: the Test button names the failed step, the outbox shows each mail's state and sends again", async ({
  page,
  api,
}) => {
  test.setTimeout(90_000);
  const closedPort = await freePort();
  const sink = await startSmtpSink();
  try {
    await page.goto("/settings/email");
    const smtp = page.getByRole("region", { name: "Outgoing mail (SMTP)" });
    await expect(smtp).toBeVisible({ timeout: 15_000 });
    await smtp.getByRole("textbox", { name: "Server" }).fill("no-such-host.invalid");
    await smtp.getByRole("textbox", { name: "Port" }).fill("587");
    await smtp.getByRole("textbox", { name: "Sender address" }).fill("vertrieb@leadwerk.test");
    await smtp.getByRole("textbox", { name: "Sender name" }).fill("Leadwerk Vertrieb");
    await smtp.getByRole("button", { name: "Test connection" }).click();
    await expect(smtp.getByRole("alert")).toContainText("Failed at: DNS lookup");
    await expect(smtp.getByRole("alert")).toContainText("The host name could not be resolved (DNS)");

    await smtp.getByRole("textbox", { name: "Server" }).fill("127.0.0.1");
    await smtp.getByRole("textbox", { name: "Port" }).fill(String(closedPort));
    await smtp.getByRole("combobox", { name: "Security" }).click();
    await page.getByRole("option", { name: "None (local relay only)" }).click();
    await smtp.getByRole("button", { name: "Test connection" }).click();
    await expect(smtp.getByRole("alert")).toContainText("Failed at: Connection");
    await screenshot(page, "mail-settings-test-failed");

    // Saved against the closed port: a test mail waits in the outbox, with the reason.
    await smtp.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Email settings saved")).toBeVisible();
    await smtp.getByRole("button", { name: "Send test mail" }).click();
    await expect(page.getByText("Test mail queued")).toBeVisible();
    const outbox = page.getByRole("region", { name: "Outbox" });
    await expect(async () => {
      await page.reload();
      await expect(outbox.getByRole("row").nth(1)).toContainText("could not be reached", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(outbox.getByRole("row").nth(1)).toContainText("Waiting");
    await closeNotifications(page);
    await outbox.scrollIntoViewIfNeeded();
    await screenshot(page, "mail-outbox-waiting");

    // Now the server is right: the Test button says so, and "Send now" delivers the mail once.
    await smtp.getByRole("textbox", { name: "Port" }).fill(String(sink.port));
    await smtp.getByRole("button", { name: "Test connection" }).click();
    await expect(smtp.getByRole("status")).toContainText("Connection works");
    await smtp.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Email settings saved")).toBeVisible();
    const sendNow = outbox.getByRole("button", { name: /Send “Test mail from Leadwerk” now/ });
    if (await sendNow.first().isVisible()) await sendNow.first().click();
    await expect(async () => {
      await page.reload();
      await expect(outbox.getByRole("row").nth(1)).toContainText("Sent", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    const [mail] = await sink.waitFor(1, 15_000);
    expect(mail?.parsed.subject).toBe("Test mail from Leadwerk");
    expect(mail?.parsed.from?.value[0]?.name).toBe("Leadwerk Vertrieb");
    await closeNotifications(page);
    await screenshot(page, "mail-settings-en", true);

    // The same screen in German.
    await api.send("PATCH", "/me", { locale: "de" });
    await page.reload();
    await expect(page.getByRole("region", { name: "Ausgehende Mails (SMTP)" })).toBeVisible({
      timeout: 15_000,
    });
    await expect(page.getByRole("region", { name: "Postausgang" }).getByRole("row").nth(1)).toContainText(
      "Gesendet",
    );
    await screenshot(page, "mail-settings-de", true);
    await api.send("PATCH", "/me", { locale: "en" });
    expect(sink.mails).toHaveLength(1);
  } finally {
    await sink.close();
  }
});
