import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { closeNotifications, expect, screenshot, test, unique } from "./fixtures";

test("Settings → Webhooks: a subscription's secret is shown once, a won deal reaches a local receiver signed, and the log shows it", async ({
  page,
  api,
}) => {
  // The runner sends within its 10 s period; generous, because CI machines are shared.
  test.setTimeout(180_000);
  const received: { headers: IncomingHttpHeaders; body: string }[] = [];
  const receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (c: Buffer) => chunks.push(c));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/leadwerk`;
  try {
    await page.goto("/settings/webhooks");
    await page.getByRole("button", { name: "New webhook" }).click();
    const dialog = page.getByRole("dialog", { name: "New webhook" });
    await dialog.getByRole("textbox", { name: "Receiver URL" }).fill("http://192.168.0.10/hook");
    await dialog.getByRole("checkbox", { name: "Deal won" }).check();
    await dialog.getByRole("checkbox", { name: "Lead created" }).check();
    await dialog.getByRole("button", { name: "Create" }).click();
    await expect(dialog.getByText("This address leads into a private or local network")).toBeVisible();

    await dialog.getByRole("textbox", { name: "Receiver URL" }).fill(url);
    await dialog.getByRole("textbox", { name: "Description" }).fill(`ERP ${unique()}`);
    await screenshot(page, "webhooks-form-en");
    await dialog.getByRole("button", { name: "Create" }).click();
    const secretDialog = page.getByRole("dialog", { name: "Signing secret" });
    const secret = await secretDialog.getByRole("textbox", { name: "Secret" }).inputValue();
    expect(secret).toMatch(/^whsec_/);
    await screenshot(page, "webhooks-secret-en");
    await secretDialog.getByRole("button", { name: "Done" }).click();

    const deal = await api.send<{ id: string; version: number }>("POST", "/deals", {
      title: `Auftrag ${unique()}`,
    });
    await api.send("POST", `/deals/${deal.id}/won`, { version: deal.version });
    const log = page.getByRole("region", { name: `Delivery log of ${url}` });
    await expect(log.getByRole("row").nth(1)).toContainText("Delivered", { timeout: 60_000 });
    await expect(log.getByRole("row").nth(1)).toContainText("Deal won");
    const won = received.find((r) => JSON.parse(r.body).type === "deal.won");
    if (!won) throw new Error("no deal.won received");
    const verified = new Webhook(secret).verify(won.body, {
      "webhook-id": String(won.headers["webhook-id"]),
      "webhook-timestamp": String(won.headers["webhook-timestamp"]),
      "webhook-signature": String(won.headers["webhook-signature"]),
    });
    expect(verified).toMatchObject({ type: "deal.won", data: { id: deal.id, status: "won" } });

    await page.getByRole("button", { name: `Actions for ${url}` }).click();
    await page.getByRole("menuitem", { name: "Send test event" }).click();
    await expect(log.getByRole("row").filter({ hasText: "Test event" }).first()).toContainText("Delivered", {
      timeout: 60_000,
    });
    await log.getByRole("button", { name: /^Replay Deal won/ }).click();
    await expect(log.getByRole("row").filter({ hasText: "Sent again" }).first()).toContainText("Delivered", {
      timeout: 60_000,
    });
    await closeNotifications(page);
    await screenshot(page, "webhooks-en", true);

    await api.send("PATCH", "/me", { locale: "de" });
    await page.reload();
    await expect(page.getByRole("region", { name: `Zustellprotokoll von ${url}` })).toBeHidden();
    await page
      .getByRole("row", { name: new RegExp(url) })
      .getByRole("button", { name: "Zustellprotokoll" })
      .click();
    await expect(
      page
        .getByRole("region", { name: `Zustellprotokoll von ${url}` })
        .getByRole("row")
        .nth(1),
    ).toContainText("Zugestellt");
    await screenshot(page, "webhooks-de", true);
    await page.getByRole("button", { name: `Aktionen für ${url}` }).click();
    await page.getByRole("menuitem", { name: "Bearbeiten" }).click();
    await expect(page.getByRole("dialog", { name: "Webhook bearbeiten" })).toBeVisible();
    await screenshot(page, "webhooks-form-de");
    await page
      .getByRole("dialog", { name: "Webhook bearbeiten" })
      .getByRole("button", { name: "Abbrechen" })
      .click();
    await api.send("PATCH", "/me", { locale: "en" });
  } finally {
    await new Promise((resolve) => receiver.close(resolve));
  }
});
