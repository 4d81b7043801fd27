import nodemailer from "nodemailer";
import { freePort } from "../test/free-port";
import { startSmtpSink } from "../test/smtp-sink";
import { closeNotifications, expect, pick, screenshot, test } from "./fixtures";

test("Settings → Email: the Test button names the failed step, the outbox shows each mail's state and sends again", async ({
  page,
  api,
}) => {
  // Two servers, three saves and two background sends; generous, because CI machines are shared.
  test.setTimeout(180_000);
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
    // The outbox refreshes itself every 10 s while open.
    await expect(outbox.getByRole("row").nth(1)).toContainText("could not be reached", { timeout: 45_000 });
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
    await expect(outbox.getByRole("row").nth(1)).toContainText("Sent", { timeout: 45_000 });
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

test("a mail to the intake address becomes a lead with the mail and its attachment on the timeline", async ({
  page,
  api,
}) => {
  test.setTimeout(90_000);
  const settings = await api.send<{ intakeListener: { port: number | null } }>("GET", "/settings/email");
  const port = settings.intakeListener.port;
  expect(port, "the e2e server starts the SMTP intake").not.toBeNull();
  await page.request.fetch("/api/v1/settings/email", {
    method: "PUT",
    data: { intakeAddresses: ["anfragen@leadwerk.test"] },
    headers: { "X-CSRF-Token": (await (await page.request.get("/api/v1/me")).json()).csrfToken },
  });
  const token = Math.random().toString(36).slice(2, 8);
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: port ?? 0,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({
    from: `"Petra Schulz" <petra.schulz@schulz-logistik-${token}.de>`,
    to: "anfragen@leadwerk.test",
    subject: "Anfrage: 40 Lizenzen für Standort Hamburg",
    text: "Guten Tag,\n\nwir suchen ein CRM für 40 Nutzer. Bitte rufen Sie mich an.\n\nPetra Schulz",
    attachments: [{ filename: "Anforderungen.pdf", content: Buffer.from("%PDF-1.4 Anforderungen") }],
  });
  transport.close();
  const inbound = await api.send<{ data: { leadId: string | null; subject: string }[] }>(
    "GET",
    "/inbound-mails",
  );
  const leadId = inbound.data.find((m) => m.subject.startsWith("Anfrage: 40 Lizenzen"))?.leadId;
  expect(leadId).toBeTruthy();
  await page.goto(`/leads/${leadId}`);
  await expect(page.getByText("Email: Anfrage: 40 Lizenzen für Standort Hamburg")).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByText(`From Petra Schulz <petra.schulz@schulz-logistik-${token}.de>`)).toBeVisible();
  const download = page.getByRole("link", { name: /Anforderungen\.pdf/ });
  await expect(download).toHaveAttribute("href", /\/attachments\//);
  const file = await page.request.get((await download.getAttribute("href")) ?? "");
  expect(file.headers()["content-disposition"]).toMatch(/^attachment;/);
  await screenshot(page, "mail-lead-timeline-en", true);

  await api.send("PATCH", "/me", { locale: "de" });
  await page.reload();
  await expect(page.getByText(`Von Petra Schulz <petra.schulz@schulz-logistik-${token}.de>`)).toBeVisible({
    timeout: 15_000,
  });
  await expect(page.getByRole("link", { name: /Anforderungen\.pdf \(22 Byte\)/ })).toBeVisible();
  await screenshot(page, "mail-lead-timeline-de", true);
  await api.send("PATCH", "/me", { locale: "en" });
});

test("an HTML mail shows in a sandboxed frame with nothing loaded from outside, and as text on demand", async ({
  page,
  api,
}) => {
  test.setTimeout(90_000);
  const settings = await api.send<{ intakeListener: { port: number | null } }>("GET", "/settings/email");
  await api.send("PUT", "/settings/email", { intakeAddresses: ["anfragen@leadwerk.test"] });
  const token = Math.random().toString(36).slice(2, 8);
  const requested: string[] = [];
  page.on("request", (request) => requested.push(request.url()));
  const transport = nodemailer.createTransport({
    host: "127.0.0.1",
    port: settings.intakeListener.port ?? 0,
    secure: false,
    ignoreTLS: true,
  });
  await transport.sendMail({
    from: `"Jonas Brandt" <jonas@brandt-${token}.de>`,
    to: "anfragen@leadwerk.test",
    subject: `Angebot Messe ${token}`,
    text: `Bitte senden Sie ein Angebot über 40 Lizenzen (${token}).`,
    html: `<h2>Angebot</h2><p>Bitte senden Sie ein Angebot über <b>40 Lizenzen ${token}</b>.</p><img src="/pixel-${token}.png" alt="">`,
  });
  transport.close();
  const inbound = await api.send<{ data: { leadId: string | null; subject: string }[] }>(
    "GET",
    "/inbound-mails",
  );
  const leadId = inbound.data.find((m) => m.subject === `Angebot Messe ${token}`)?.leadId;
  expect(leadId).toBeTruthy();
  await page.goto(`/leads/${leadId}`);

  const frame = page.locator("iframe[title^='Mail:']");
  await expect(frame).toHaveAttribute("sandbox", "", { timeout: 15_000 });
  await expect(frame).toHaveAttribute("srcdoc", /<b>40 Lizenzen/);
  await expect(page.frameLocator("iframe[title^='Mail:']").locator("b")).toHaveText(`40 Lizenzen ${token}`);
  // Never live HTML in the page, and nothing fetched for the mail's image.
  await expect(page.locator("b", { hasText: `40 Lizenzen ${token}` })).toHaveCount(0);
  expect(requested.filter((url) => url.includes(`pixel-${token}`))).toEqual([]);
  await frame.scrollIntoViewIfNeeded();
  await screenshot(page, "mail-html-frame");

  await page.getByRole("radiogroup", { name: "Show the mail as" }).getByText("Text", { exact: true }).click();
  await expect(frame).toHaveCount(0);
  await expect(
    page.getByText(`Bitte senden Sie ein Angebot über 40 Lizenzen (${token}).`, { exact: true }),
  ).toBeVisible();
});

test("Settings → Intake: routing rules in order, one switched off, and the repeat window", async ({
  page,
  api,
}) => {
  const tag = Math.random().toString(36).slice(2, 8);
  const north = await api.send<{ id: string }>("POST", "/teams", { name: `Nord ${tag}` });
  const swiss = await api.send<{ id: string }>("POST", "/teams", { name: `Schweiz ${tag}` });
  await page.goto("/settings/intake");
  const routing = page.getByRole("region", { name: "Routing and repeats" });
  await expect(routing).toBeVisible({ timeout: 15_000 });
  await routing.getByRole("textbox", { name: "Repeat window (days)" }).fill("14");
  await routing.getByRole("button", { name: "Add rule" }).click();
  await routing.getByRole("textbox", { name: "Country of rule 1" }).fill("ch");
  await pick(page, routing, "Team of rule 1", `Schweiz ${tag}`);
  await routing.getByRole("button", { name: "Add rule" }).click();
  await routing.getByRole("textbox", { name: "Country of rule 2" }).fill("DE");
  await routing.getByRole("textbox", { name: "Postal code from, rule 2" }).fill("20000");
  await routing.getByRole("textbox", { name: "Postal code to, rule 2" }).fill("29999");
  await pick(page, routing, "Team of rule 2", `Nord ${tag}`);
  // The postal-code rule goes first; the Swiss one is switched off.
  await routing.getByRole("button", { name: "Move rule 2 up" }).click();
  await routing.getByRole("switch", { name: "Rule 2 on" }).uncheck({ force: true });
  await routing.getByRole("button", { name: "Save routing" }).click();
  await expect(page.getByText("Routing saved.")).toBeVisible();
  await closeNotifications(page);
  await screenshot(page, "intake-routing-en", true);

  const saved = await api.send<{
    duplicateWindowDays: number;
    routingRules: { teamId: string; country: string | null; postalFrom: string | null; enabled: boolean }[];
  }>("GET", "/settings/intake");
  expect(saved.duplicateWindowDays).toBe(14);
  expect(saved.routingRules).toEqual([
    expect.objectContaining({ teamId: north.id, country: "DE", postalFrom: "20000", enabled: true }),
    expect.objectContaining({ teamId: swiss.id, country: "CH", enabled: false }),
  ]);

  // A postal code the API refuses shows beside its field.
  await routing.getByRole("textbox", { name: "Postal code from, rule 1" }).fill("20x00");
  await routing.getByRole("button", { name: "Save routing" }).click();
  await expect(routing.getByRole("textbox", { name: "Postal code from, rule 1" })).toHaveAttribute(
    "aria-invalid",
    "true",
  );

  await api.send("PATCH", "/me", { locale: "de" });
  try {
    await page.reload();
    await expect(page.getByRole("region", { name: "Zuordnung und Wiederholungen" })).toBeVisible({
      timeout: 15_000,
    });
    await screenshot(page, "intake-routing-de", true);
  } finally {
    await api.send("PUT", "/settings/intake", { ...saved, duplicateWindowDays: 7, routingRules: [] });
    await api.send("PATCH", "/me", { locale: "en" });
  }
});
