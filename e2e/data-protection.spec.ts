import { closeNotifications, expect, screenshot, test, unique } from "./fixtures";

test("an admin records consent, restricts one person and erases another by typing the name; Settings → Data protection logs it", async ({
  page,
  api,
}) => {
  test.setTimeout(90_000);
  const tag = unique();
  const erased = await api.createLead({
    firstName: "Quirin",
    lastName: `Vergessmann ${tag}`,
    email: `q-${tag}@example.com`,
  });
  const held = await api.createLead({
    firstName: "Hanna",
    lastName: `Haltmann ${tag}`,
    email: `h-${tag}@example.com`,
  });
  await api.send("POST", `/leads/${held.id}/consents`, {
    purpose: "Newsletter",
    legalBasis: "consent",
    source: "Telefonat",
    policyVersion: "2026-01",
  });
  await api.send("PUT", `/leads/${held.id}/restriction`, {
    restricted: true,
    reason: "Widerspruch wird geprüft",
  });

  // English: record a consent by hand and erase the first person.
  await page.goto(`/leads/${erased.id}`);
  const card = page.getByRole("region", { name: "Data protection" });
  await expect(card.getByText("No consent recorded yet.")).toBeVisible({ timeout: 15_000 });
  await card.getByRole("button", { name: "Record consent" }).click();
  await page.getByLabel("Purpose").fill("Calls about offers");
  await page
    .getByRole("dialog")
    .getByLabel(/^Source/)
    .fill("Trade fair");
  await page.getByRole("dialog").getByRole("button", { name: "Save", exact: true }).click();
  await expect(card.getByTestId("consent-item")).toContainText("Calls about offers");
  await closeNotifications(page);
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, "gdpr-lead-consent-en");

  await card.getByRole("button", { name: "GDPR" }).click();
  await page.getByRole("menuitem", { name: "Erase (Art. 17)…" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel("Reason").fill("Request by email of 1 Dec 2026");
  const submit = dialog.getByRole("button", { name: "Erase for good" });
  await expect(submit).toBeDisabled();
  await dialog.getByLabel(/Type the name to confirm/).fill(`Quirin Vergessmann ${tag}`);
  await screenshot(page, "gdpr-erase-dialog-en");
  await submit.click();
  await expect(card.getByText("Anonymised")).toBeVisible();
  await expect(page.getByText(`Vergessmann ${tag}`)).toHaveCount(0);

  // German: the restricted person's badge and the settings page.
  await api.send("PATCH", "/me", { locale: "de" });
  await page.goto(`/leads/${held.id}`);
  const karte = page.getByRole("region", { name: "Datenschutz" });
  await expect(karte.getByTestId("restricted-badge")).toHaveText("Eingeschränkt (Art. 18)");
  await expect(karte.getByTestId("consent-item")).toContainText("Einwilligung · Telefonat");
  await karte.scrollIntoViewIfNeeded();
  await screenshot(page, "gdpr-lead-restricted-de");

  await page.goto("/settings/data-protection");
  await expect(page.getByRole("heading", { name: "Aufbewahrungsregeln" })).toBeVisible();
  const log = page.getByTestId("processing-log");
  await expect(log.getByText("Gelöscht", { exact: true }).first()).toBeVisible();
  await expect(log.getByText("Request by email of 1 Dec 2026")).toBeVisible();
  await screenshot(page, "gdpr-settings-de", true);
  await api.send("PATCH", "/me", { locale: "en" });
  await page.goto("/settings/data-protection");
  await expect(page.getByRole("heading", { name: "Retention rules" })).toBeVisible();
  await screenshot(page, "gdpr-settings-en", true);
});
