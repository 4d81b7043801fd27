import { closeNotifications, expect, pick, screenshot, test } from "./fixtures";

test("Settings → Permissions: an admin narrows sales to their own leads, saves, and resets to the defaults", async ({
  page,
  api,
}) => {
  await page.goto("/settings/permissions");
  await expect(page.getByRole("heading", { name: "Permissions" })).toBeVisible({ timeout: 15_000 });
  await page.getByText("Sales", { exact: true }).click();
  const leads = page.getByRole("row").filter({ has: page.getByRole("rowheader", { name: "Leads" }) });
  await expect(leads.getByRole("combobox", { name: "Leads: Read" })).toHaveValue("Team");

  // Read own: Edit and Delete reaching the team is refused beside the cell, until they follow.
  await pick(page, leads, "Leads: Read", "Own");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(leads.getByText("Cannot reach further than Read").first()).toBeVisible();
  await pick(page, leads, "Leads: Edit", "Own");
  await pick(page, leads, "Leads: Delete", "Own");
  await leads.getByRole("checkbox", { name: "Leads: Export" }).uncheck();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Permissions for Sales saved")).toBeVisible();
  await closeNotifications(page);
  const saved = await api.send("GET", "/permissions");
  expect((saved as { roles: { sales: { lead: unknown } } }).roles.sales.lead).toEqual({
    create: true,
    read: "own",
    edit: "own",
    delete: "own",
    export: false,
    changeOwner: true,
  });
  await screenshot(page, "permissions-en", true);

  // The admin row is fixed.
  await page.getByText("Administrator", { exact: true }).click();
  await expect(page.getByText("Administrators always have every right")).toBeVisible();

  // The same screen in German.
  await api.send("PATCH", "/me", { locale: "de" });
  await page.reload();
  await expect(page.getByRole("heading", { name: "Berechtigungen" })).toBeVisible({ timeout: 15_000 });
  await page.getByText("Vertrieb", { exact: true }).click();
  const leadsDe = page
    .getByRole("row")
    .filter({ has: page.getByRole("rowheader", { name: "Interessenten" }) });
  await expect(leadsDe.getByRole("combobox", { name: "Interessenten: Lesen" })).toHaveValue("Eigene");
  await screenshot(page, "permissions-de", true);

  await page.getByRole("button", { name: "Auf Standard zurücksetzen" }).click();
  await expect(leadsDe.getByRole("combobox", { name: "Interessenten: Lesen" })).toHaveValue("Team");
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Rechte für Vertrieb gespeichert")).toBeVisible();
  await api.send("PATCH", "/me", { locale: "en" });
});
