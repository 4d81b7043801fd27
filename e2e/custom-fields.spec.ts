import type { APIRequestContext } from "@playwright/test";
import { type Api, closeNotifications, expect, pick, screenshot, test, unique } from "./fixtures";

interface Field {
  id: string;
  entity: string;
  key: string;
}

const CHOICES = [
  { value: "it", label: { de: "IT", en: "IT" } },
  { value: "bau", label: { de: "Bau", en: "Construction" } },
];

const BRANCHE = { type: "choice", label: { de: "Branche", en: "Industry" }, options: CHOICES };

/**
 * A company field labelled like the built-in industry, as it may exist from before such labels were
 * refused: the e2e server's fixtures port writes it (e2e/server/e2e-main.ts), the API would not.
 */
async function companyFieldFromBefore(
  request: APIRequestContext,
  key: string,
  body: Record<string, unknown>,
) {
  const port = Number(process.env.E2E_PORT || "3210") + 10_000;
  const response = await request.post(`http://127.0.0.1:${port}/custom-fields`, {
    data: { entity: "company", key, ...body },
  });
  expect(response.status(), await response.text()).toBe(201);
}

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
  await companyFieldFromBefore(page.request, "branche", BRANCHE);
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

test("custom fields in the lead list (#20): filter by Branche and Mitarbeiterzahl, show the column, save the view", async ({
  page,
  api,
}) => {
  test.setTimeout(180_000);
  const fields = (await api.send<{ data: (Field & { type: string })[] }>("GET", "/custom-fields?entity=lead"))
    .data;
  const ensure = async (key: string, body: Record<string, unknown>) => {
    const field = fields.find((f) => f.key === key);
    if (field) await api.send("PATCH", `/custom-fields/${field.id}`, { filterable: true });
    else await api.send("POST", "/custom-fields", { entity: "lead", key, filterable: true, ...body });
  };
  await ensure("branche", { type: "choice", label: { de: "Branche", en: "Industry" }, options: CHOICES });
  await ensure("mitarbeiterzahl", { type: "number", label: { de: "Mitarbeiterzahl", en: "Employees" } });
  const tag = unique();
  for (const [name, branche, size] of [
    ["Gross", "it", 1250],
    ["Klein", "it", 12],
    ["Bauer", "bau", 800],
  ] as const) {
    await api.createLead({
      lastName: `${name} ${tag}`,
      companyName: `${name} ${tag} GmbH`,
      customFields: { branche, mitarbeiterzahl: size },
    });
  }
  await api.send("PATCH", "/me", { locale: "de" });
  await page.goto(`/leads?q=${tag}`);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(4, { timeout: 20_000 });

  await page.getByRole("button", { name: "Filter" }).click();
  const drawer = page.getByRole("dialog", { name: "Interessenten filtern" });
  await pick(page, drawer, "Branche", "IT");
  await drawer.getByRole("textbox", { name: "Mitarbeiterzahl ab" }).fill("1.000");
  await drawer.getByRole("button", { name: "Fertig" }).click();
  await expect(rows).toHaveCount(2, { timeout: 20_000 });
  await expect(page).toHaveURL(/cf\.branche=it/);
  await expect(page).toHaveURL(/cf\.mitarbeiterzahl%5Bgte%5D=1000/);

  await page.getByRole("button", { name: "Spalten" }).click();
  await page.getByRole("checkbox", { name: "Branche" }).check();
  await page.getByRole("checkbox", { name: "Mitarbeiterzahl" }).check();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("columnheader", { name: /Mitarbeiterzahl/ })).toBeVisible();
  await expect(rows.nth(1)).toContainText("1.250");

  await page.getByRole("button", { name: "Ansichten" }).click();
  await page.getByRole("button", { name: "Aktuelle Ansicht speichern …" }).click();
  const viewName = `Große IT ${tag}`;
  await page.getByRole("textbox", { name: "Name der Ansicht" }).fill(viewName);
  await page
    .getByRole("dialog", { name: "Ansicht speichern" })
    .getByRole("button", { name: "Speichern" })
    .click();
  await expect(page.getByRole("dialog", { name: "Ansicht speichern" })).toBeHidden({ timeout: 20_000 });
  const views = await api.send<{
    data: { name: string; filters: Record<string, unknown>; columns: string[] | null }[];
  }>("GET", "/views?entity=lead");
  const saved = views.data.find((v) => v.name === viewName);
  expect(saved?.filters).toMatchObject({ "cf.branche": "it", "cf.mitarbeiterzahl[gte]": "1000" });
  expect(saved?.columns).toEqual(expect.arrayContaining(["cf.branche", "cf.mitarbeiterzahl"]));
  await closeNotifications(page);
  await screenshot(page, "custom-fields-list-de");
  // Ten columns are wider than 1440 px: scrolled to the right end, each row still shows its name.
  const firstName = rows.nth(1).getByRole("link").first();
  const nameLeft = (await firstName.boundingBox())?.x;
  await page.getByRole("columnheader", { name: /Mitarbeiterzahl/ }).scrollIntoViewIfNeeded();
  await expect(page.getByRole("columnheader", { name: /Mitarbeiterzahl/ })).toBeInViewport({ ratio: 0.95 });
  await expect(firstName).toBeInViewport({ ratio: 1 });
  expect((await firstName.boundingBox())?.x).toBe(nameLeft);
  await screenshot(page, "custom-fields-list-scrolled-de");

  await api.send("PATCH", "/me", { locale: "en" });
  await page.reload();
  await expect(page.getByRole("columnheader", { name: /Employees/ })).toBeVisible({ timeout: 20_000 });
  await expect(rows.nth(1)).toContainText("1,250");
  await page.getByRole("button", { name: "Filters" }).click();
  await screenshot(page, "custom-fields-list-en");
});

/** A company field made filterable (kept from an earlier run, or added). */
async function ensureCompanyField(api: Api, key: string, body: Record<string, unknown>) {
  const fields = (await api.send<{ data: Field[] }>("GET", "/custom-fields?entity=company")).data;
  const field = fields.find((f) => f.key === key);
  if (field) await api.send("PATCH", `/custom-fields/${field.id}`, { filterable: true });
  else await api.send("POST", "/custom-fields", { entity: "company", key, filterable: true, ...body });
}

test("custom field labels (#20): a company field named like the built-in Branche is refused beside the label, in German and English", async ({
  page,
  api,
}) => {
  await api.send("PATCH", "/me", { locale: "de" });
  await page.goto("/settings/custom-fields");
  await page.locator('label[for$="-company"]').click();
  await page.getByRole("button", { name: "Feld hinzufügen" }).click();
  const dialog = page.getByRole("dialog", { name: "Neues Feld" });
  await dialog.getByRole("textbox", { name: "Bezeichnung (Deutsch)" }).fill("Branche");
  await dialog.getByRole("textbox", { name: "Bezeichnung (Englisch)" }).fill("Sector");
  await dialog.getByRole("button", { name: "Anlegen" }).click();
  const german = dialog.getByRole("textbox", { name: "Bezeichnung (Deutsch)" });
  await expect(german).toHaveAccessibleDescription(
    "Ein Standardfeld dieses Datensatztyps heißt schon „Branche“; bitte eine andere Bezeichnung wählen",
    { timeout: 20_000 },
  );
  await expect(german).toHaveValue("Branche");
  await screenshot(page, "custom-fields-label-refused-de");

  await api.send("PATCH", "/me", { locale: "en" });
  await page.reload();
  await page.locator('label[for$="-company"]').click();
  await page.getByRole("button", { name: "Add field" }).click();
  const en = page.getByRole("dialog", { name: "New field" });
  await en.getByRole("textbox", { name: "Label (German)" }).fill("Sektor");
  await en.getByRole("textbox", { name: "Label (English)" }).fill("Industry");
  await en.getByRole("button", { name: "Create" }).click();
  await expect(en.getByRole("textbox", { name: "Label (English)" })).toHaveAccessibleDescription(
    "A built-in field of this record type is called “Industry” already; choose another label",
    { timeout: 20_000 },
  );
  await screenshot(page, "custom-fields-label-refused-en");
});

test("custom fields in the company list (#20): filter by Branche and Mitarbeiterzahl, show and sort the column, save the view", async ({
  page,
  api,
}) => {
  test.setTimeout(180_000);
  // A field from before labels like the built-in "Branche" were refused: it shows marked.
  if (
    !(await api.send<{ data: Field[] }>("GET", "/custom-fields?entity=company")).data.some(
      (f) => f.key === "branche",
    )
  )
    await companyFieldFromBefore(page.request, "branche", BRANCHE);
  await ensureCompanyField(api, "branche", BRANCHE);
  await ensureCompanyField(api, "mitarbeiterzahl", {
    type: "number",
    label: { de: "Mitarbeiterzahl", en: "Employees" },
  });
  const tag = unique();
  for (const [name, branche, size] of [
    ["Gross", "it", 1250],
    ["Klein", "it", 12],
    ["Mittel", "it", 80],
    ["Bauer", "bau", 800],
  ] as const) {
    await api.send("POST", "/companies", {
      name: `${name} ${tag} GmbH`,
      customFields: { branche, mitarbeiterzahl: size },
    });
  }
  await api.send("PATCH", "/me", { locale: "de" });
  await page.goto(`/companies?q=${tag}`);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(5, { timeout: 20_000 });

  await page.getByRole("button", { name: "Filter" }).click();
  const drawer = page.getByRole("dialog");
  await pick(page, drawer, "Branche (eigenes Feld)", "IT");
  await drawer.getByRole("textbox", { name: "Mitarbeiterzahl ab" }).fill("50");
  await drawer.getByRole("button", { name: "Fertig" }).click();
  await expect(rows).toHaveCount(3, { timeout: 20_000 });
  await expect(page).toHaveURL(/cf\.mitarbeiterzahl%5Bgte%5D=50/);

  await page.getByRole("button", { name: "Spalten" }).click();
  // Companies have a "Branche" of their own: the custom one is marked in the picker, header and drawer.
  await page.getByRole("checkbox", { name: "Branche (eigenes Feld)" }).check();
  await page.getByRole("checkbox", { name: "Mitarbeiterzahl" }).check();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("columnheader", { name: /Branche \(eigenes Feld\)/ })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Branche", exact: true })).toBeVisible();
  const header = page.getByRole("columnheader", { name: /Mitarbeiterzahl/ });
  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "descending");
  await expect(rows.nth(1)).toContainText("1.250");
  await header.getByRole("button").click();
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  await expect(rows.nth(1)).toContainText(`Mittel ${tag}`);
  await expect(page).toHaveURL(/sort=cf\.mitarbeiterzahl/);

  await page.getByRole("button", { name: "Ansichten" }).click();
  await page.getByRole("button", { name: "Aktuelle Ansicht speichern …" }).click();
  const viewName = `Große IT-Firmen ${tag}`;
  await page.getByRole("textbox", { name: "Name der Ansicht" }).fill(viewName);
  const save = page.getByRole("dialog", { name: "Ansicht speichern" });
  await save.getByRole("button", { name: "Speichern" }).click();
  await expect(save).toBeHidden({ timeout: 20_000 });
  const views = await api.send<{
    data: { name: string; filters: Record<string, unknown>; sort: string; columns: string[] | null }[];
  }>("GET", "/views?entity=company");
  const saved = views.data.find((v) => v.name === viewName);
  expect(saved?.filters).toMatchObject({ "cf.branche": "it", "cf.mitarbeiterzahl[gte]": "50" });
  expect(saved?.sort).toBe("cf.mitarbeiterzahl");
  expect(saved?.columns).toEqual(expect.arrayContaining(["cf.branche", "cf.mitarbeiterzahl"]));
  await closeNotifications(page);
  // The header's click scrolled the wide table sideways; the picture starts at the names.
  await page.getByRole("link", { name: `Mittel ${tag} GmbH` }).scrollIntoViewIfNeeded();
  await screenshot(page, "custom-fields-companies-de");

  await api.send("PATCH", "/me", { locale: "en" });
  await page.reload();
  await expect(page.getByRole("columnheader", { name: /Employees/ })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("columnheader", { name: /Industry \(custom\)/ })).toBeVisible();
  await expect(rows.nth(1)).toContainText("80");
  await screenshot(page, "custom-fields-companies-en");
});

test("custom field type change (#20): refused with the offending companies listed, done after fixing one", async ({
  page,
  api,
}) => {
  test.setTimeout(180_000);
  const before = await api.send<{ data: Field[] }>("GET", "/custom-fields?entity=company");
  for (const field of before.data.filter((f) => f.key === "umsatzklasse")) {
    await api.send("DELETE", `/custom-fields/${field.id}`);
    await api.send("POST", `/custom-fields/${field.id}/purge`);
  }
  await api.send("POST", "/custom-fields", {
    entity: "company",
    key: "umsatzklasse",
    type: "text",
    label: { de: "Umsatzklasse", en: "Revenue class" },
  });
  const tag = unique();
  await api.send("POST", "/companies", { name: `Zahl ${tag} AG`, customFields: { umsatzklasse: "3" } });
  const bad = await api.send<{ id: string; version: number }>("POST", "/companies", {
    name: `Wort ${tag} AG`,
    customFields: { umsatzklasse: "drei" },
  });
  await api.send("PATCH", "/me", { locale: "de" });
  await page.goto("/settings/custom-fields");
  await page.locator('label[for$="-company"]').click();
  await page.getByRole("button", { name: "Aktionen für Umsatzklasse" }).click();
  await page.getByRole("menuitem", { name: "Typ ändern" }).click();
  const dialog = page.getByRole("dialog", { name: "Feldtyp ändern" });
  await pick(page, dialog, "Neuer Typ", "Zahl");
  await dialog.getByRole("button", { name: "Werte prüfen" }).click();
  await expect(dialog.getByText("1 Wert wird umgewandelt.")).toBeVisible({ timeout: 20_000 });
  await expect(dialog.getByRole("link", { name: `Wort ${tag} AG` })).toHaveAttribute(
    "href",
    `/companies/${bad.id}`,
  );
  await dialog.getByRole("button", { name: "Typ ändern" }).click();
  // The 422 stands beside the type, the choice kept, the records listed.
  await expect(
    dialog.getByText("1 Datensatz hat einen Wert, der nicht in den neuen Typ umgewandelt werden kann"),
  ).toBeVisible({
    timeout: 20_000,
  });
  await expect(dialog.getByRole("combobox", { name: "Neuer Typ" })).toHaveValue("Zahl");
  await expect(dialog.getByRole("link", { name: `Wort ${tag} AG` })).toBeVisible();
  await screenshot(page, "custom-fields-type-change-de");

  await api.send("PATCH", `/companies/${bad.id}`, { customFields: { umsatzklasse: "4" } });
  await dialog.getByRole("button", { name: "Werte prüfen" }).click();
  await expect(dialog.getByText("Alle gespeicherten Werte passen zum neuen Typ")).toBeVisible({
    timeout: 20_000,
  });
  await dialog.getByRole("button", { name: "Typ ändern" }).click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  const row = page.getByRole("table", { name: "Eigene Felder" }).getByRole("row", { name: /Umsatzklasse/ });
  await expect(row).toContainText("Zahl");
  const company = await api.send<{ customFields: Record<string, unknown> }>("GET", `/companies/${bad.id}`);
  expect(company.customFields).toEqual({ umsatzklasse: 4 });

  await api.send("PATCH", "/me", { locale: "en" });
  await page.reload();
  await page.locator('label[for$="-company"]').click();
  await page.getByRole("button", { name: "Actions for Revenue class" }).click();
  await page.getByRole("menuitem", { name: "Change type" }).click();
  const english = page.getByRole("dialog", { name: "Change the field's type" });
  await pick(page, english, "New type", "Text");
  await english.getByRole("button", { name: "Check values" }).click();
  await expect(english.getByText("2 values will be converted.")).toBeVisible({ timeout: 20_000 });
  await screenshot(page, "custom-fields-type-change-en");
});
