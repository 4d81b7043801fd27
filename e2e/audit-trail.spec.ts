import { closeNotifications, expect, pick, screenshot, test, unique } from "./fixtures";

test("Settings → Audit trail: an admin finds who changed a lead's field, before → after, and exports it", async ({
  page,
  api,
}) => {
  test.setTimeout(90_000);
  const tag = unique();
  const lead = await api.createLead({
    firstName: "Greta",
    lastName: `Prüfer ${tag}`,
    email: `greta-${tag}@example.com`,
  });
  await api.send("PATCH", `/leads/${lead.id}`, {
    lastName: `Prüfer-Lang ${tag}`,
    phone: "+49 30 1234567",
    version: lead.version,
  });

  await page.goto("/settings/audit");
  await expect(page.getByRole("heading", { name: "Audit trail" })).toBeVisible();
  await pick(page, page, "Record type", "Lead");
  await pick(page, page, "Action", "changed");
  const row = page.getByTestId("audit-row").filter({ hasText: `Prüfer-Lang ${tag}` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("Ada Admin");
  await expect(row).toContainText(`Last name: Prüfer ${tag} → Prüfer-Lang ${tag}`);
  await expect(row).toContainText("Phone: – → +49 30 1234567");
  // Only this record, by its id.
  await page.getByRole("textbox", { name: "Record ID" }).fill(lead.id);
  await expect(page.getByTestId("audit-row")).toHaveCount(1);
  await closeNotifications(page);
  await screenshot(page, "audit-trail-en", true);

  // The export menu downloads what the filters show, in the UI's language.
  await page.getByRole("button", { name: "Export" }).click();
  const csvLink = page.getByRole("menuitem", { name: "CSV (comma-separated)" });
  const href = await csvLink.getAttribute("href");
  expect(href).toContain(`recordId=${lead.id}`);
  expect(href).toContain("entity=lead");
  expect(href).toContain("action=updated");
  const csv = await page.request.get(href ?? "");
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain(`lastName: Prüfer ${tag} → Prüfer-Lang ${tag}`);
  await page.keyboard.press("Escape");

  // The record link opens the lead.
  await row.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/leads/${lead.id}$`));

  // German: German words and dates (TT.MM.JJJJ).
  await api.send("PATCH", "/me", { locale: "de" });
  await page.goto("/settings/audit");
  await expect(page.getByRole("heading", { name: "Änderungsprotokoll" })).toBeVisible();
  await page.getByRole("textbox", { name: "Datensatz-ID" }).fill(lead.id);
  const rows = page.getByTestId("audit-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toContainText(`Nachname: Prüfer ${tag} → Prüfer-Lang ${tag}`);
  await expect(rows.first()).toContainText("geändert");
  await expect(rows.last()).toContainText("angelegt");
  await expect(rows.first()).toContainText(/\d{2}\.\d{2}\.\d{4}, \d{2}:\d{2}/);
  await screenshot(page, "audit-trail-de", true);
  await api.send("PATCH", "/me", { locale: "en" });
});
