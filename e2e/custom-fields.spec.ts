import { closeNotifications, expect, pick, screenshot, test, unique } from "./fixtures";

interface Field {
  id: string;
  entity: string;
  key: string;
}

const CHOICES = [
  { value: "it", label: { de: "IT", en: "IT" } },
  { value: "bau", label: { de: "Bau", en: "Construction" } },
];

test("custom fields (#20): an admin adds Branche and Mitarbeiterzahl, fills them on a lead, and conversion carries them to the company", async ({
  page,
  api,
}) => {
  test.setTimeout(180_000);
  // The e2e database outlives a run: fields of an earlier one are removed for good first.
  const before = await api.send<{ data: Field[] }>("GET", "/custom-fields");
  for (const field of before.data.filter((f) => ["branche", "mitarbeiterzahl"].includes(f.key))) {
    await api.send("DELETE", `/custom-fields/${field.id}`);
    await api.send("POST", `/custom-fields/${field.id}/purge`);
  }
  await api.send("PATCH", "/me", { locale: "de" });

  await page.goto("/settings/custom-fields");
  await page.getByRole("button", { name: "Feld hinzufügen" }).click();
  let dialog = page.getByRole("dialog", { name: "Neues Feld" });
  await dialog.getByRole("textbox", { name: "Bezeichnung (Deutsch)" }).fill("Branche");
  await dialog.getByRole("textbox", { name: "Bezeichnung (Englisch)" }).fill("Industry");
  await expect(dialog.getByRole("textbox", { name: "Schlüssel" })).toHaveValue("branche");
  await pick(page, dialog, "Typ", "Auswahl");
  for (const option of ["IT", "Bau"]) {
    await dialog.getByRole("button", { name: "Option hinzufügen" }).click();
    const row = dialog.getByRole("textbox", { name: "Bezeichnung (Deutsch)" }).last();
    await row.fill(option);
    await row.blur();
  }
  await dialog.getByRole("button", { name: "Anlegen" }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });

  await page.getByRole("button", { name: "Feld hinzufügen" }).click();
  dialog = page.getByRole("dialog", { name: "Neues Feld" });
  await dialog.getByRole("textbox", { name: "Bezeichnung (Deutsch)" }).fill("Mitarbeiterzahl");
  await dialog.getByRole("textbox", { name: "Bezeichnung (Englisch)" }).fill("Employees");
  await pick(page, dialog, "Typ", "Zahl");
  await dialog.getByRole("switch", { name: "Filterbar" }).check();
  await dialog.getByRole("button", { name: "Anlegen" }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  const table = page.getByRole("table", { name: "Eigene Felder" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await expect(table.getByRole("row").nth(1)).toContainText("Branche");
  await expect(table.getByRole("row").nth(2)).toContainText("Filterbar");
  await closeNotifications(page);
  await screenshot(page, "custom-fields-settings-de");

  // The company gets the same keys, so the conversion has somewhere to carry the values.
  await api.send("POST", "/custom-fields", {
    entity: "company",
    key: "branche",
    type: "choice",
    label: { de: "Branche", en: "Industry" },
    options: CHOICES,
  });
  await api.send("POST", "/custom-fields", {
    entity: "company",
    key: "mitarbeiterzahl",
    type: "number",
    label: { de: "Mitarbeiterzahl", en: "Employees" },
  });

  const lead = await api.createLead({
    lastName: `Feldmann ${unique()}`,
    companyName: `Feld ${unique()} GmbH`,
  });
  await page.goto(`/leads/${lead.id}`);
  const card = page.getByRole("region", { name: "Weitere Angaben" });
  await card.getByRole("button", { name: "Weitere Angaben bearbeiten" }).click();
  await pick(page, card, "Branche", "IT");
  await card.getByRole("textbox", { name: "Mitarbeiterzahl" }).fill("1.250");
  await card.getByRole("button", { name: "Speichern" }).click();
  await expect(card.getByText("1.250")).toBeVisible();
  await expect(card.getByText("IT", { exact: true })).toBeVisible();
  await closeNotifications(page);
  await screenshot(page, "custom-fields-lead-de");

  const stored = await api.send<{ customFields: Record<string, unknown> }>("GET", `/leads/${lead.id}`);
  expect(stored.customFields).toEqual({ branche: "it", mitarbeiterzahl: 1250 });

  const converted = await api.send<{ company: { id: string } }>("POST", `/leads/${lead.id}/convert`, {
    contact: { create: {} },
    company: { create: {} },
  });
  await page.goto(`/companies/${converted.company.id}`);
  const companyCard = page.getByRole("region", { name: "Weitere Angaben" });
  await expect(companyCard.getByText("1.250")).toBeVisible({ timeout: 20_000 });
  await expect(companyCard.getByText("IT", { exact: true })).toBeVisible();

  await api.send("PATCH", "/me", { locale: "en" });
  await page.goto("/settings/custom-fields");
  await expect(page.getByRole("table", { name: "Custom fields" }).getByRole("row")).toHaveCount(3, {
    timeout: 20_000,
  });
  await screenshot(page, "custom-fields-settings-en");
  await page.goto(`/leads/${lead.id}`);
  const enCard = page.getByRole("region", { name: "More details" });
  await expect(enCard.getByText("1,250")).toBeVisible({ timeout: 20_000 });
  await screenshot(page, "custom-fields-lead-en");
});
