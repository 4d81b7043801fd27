import { readFile } from "node:fs/promises";
import iconv from "iconv-lite";
import { closeNotifications, expect, pick, screenshot, test, unique } from "./fixtures";

/** A lead list as a German Excel saves it: Windows-1252, semicolons, umlauts, five phone spellings, a broken email. */
function germanList(tag: string) {
  const lines = [
    "Anrede;Vorname;Nachname;Firma;E-Mail;Telefon;Straße;PLZ;Ort;Quelle",
    `Herr;Jürgen;Müller-${tag};Bäckerei Größe GmbH;juergen.${tag}@example.de;0171 1234567;Hauptstraße 5;80331;München;Messe`,
    `Frau;Änne;Schäfer-${tag};Öko AG;aenne.${tag}@example.de;+49 30 1234567;Königsallee 1;40212;Düsseldorf;Empfehlung`,
    `;Ülrich;Weiß-${tag};;kaputt-at-example.de;(089) 123 456;;;;`,
    `;Björn;Straßer-${tag};;bjoern.${tag}@example.de;0049-40-987654;;;Hamburg;Webinar`,
    `;Petra;Punkt-${tag};;petra.${tag}@example.de;089/555-0102;;;Köln;Messe`,
  ];
  return iconv.encode(`${lines.join("\r\n")}\r\n`, "windows-1252");
}

test("a German Excel list goes in through the UI: mapping, dry run, fill empty fields only, progress, error file, undo", async ({
  page,
  api,
}) => {
  const tag = unique();
  await api.createLead({ lastName: `Schäfer-${tag}`, email: `aenne.${tag}@example.de` });
  await api.send("PATCH", "/me", { locale: "de" });
  await page.goto("/leads");
  await page.getByRole("link", { name: "Importieren" }).click();
  await expect(page).toHaveURL(/\/import$/);

  await page.locator('input[type="file"]').setInputFiles({
    name: `messe-${tag}.csv`,
    mimeType: "text/csv",
    buffer: germanList(tag),
  });
  await page.getByRole("button", { name: "Hochladen und prüfen" }).click();
  const mapping = page.getByRole("region", { name: "Spalten zuordnen" });
  await expect(mapping).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Trennzeichen" })).toHaveValue("Semikolon (;)");
  await expect(page.getByRole("combobox", { name: "Zeichensatz" })).toHaveValue("Windows-1252 (Excel)");
  await expect(mapping.getByRole("combobox", { name: "Feld in Leadwerk: Straße" })).toHaveValue("Straße");
  await expect(mapping.getByRole("combobox", { name: "Feld in Leadwerk: Quelle" })).toHaveValue("Quelle");
  await expect(mapping.getByText("Hauptstraße 5")).toBeVisible();
  await screenshot(page, "import-mapping-de", true);

  await pick(page, page, "Wenn ein Interessent schon existiert", "Nur leere Felder füllen");
  await page.getByRole("button", { name: "Probelauf berechnen" }).click();
  const dryRun = page.getByRole("region", { name: "Probelauf: was passieren würde" });
  await expect(dryRun.getByText("Neu: 3")).toBeVisible();
  await expect(dryRun.getByText("Aktualisieren: 1")).toBeVisible();
  await expect(dryRun.getByText("Fehler: 1")).toBeVisible();
  await expect(dryRun.getByText(/Ort: „—“ → „Düsseldorf“/)).toBeVisible();
  await screenshot(page, "import-dry-run-de", true);
  await dryRun
    .locator("label")
    .filter({ hasText: /^Fehler$/ })
    .click();
  await expect(dryRun.getByText("E-Mail: ", { exact: false })).toBeVisible();

  await page.getByRole("button", { name: "Import starten" }).click();
  const result = page.getByRole("region", { name: "Import abgeschlossen" });
  await expect(result).toBeVisible({ timeout: 20_000 });
  await expect(result.getByText("5 von 5 Zeilen")).toBeVisible();
  await closeNotifications(page);
  await screenshot(page, "import-progress-de", true);

  const downloading = page.waitForEvent("download");
  await result.getByRole("link", { name: "Fehlerdatei herunterladen" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`messe-${tag}-errors.csv`);
  const errors = iconv
    .decode(await readFile(await download.path()), "windows-1252")
    .trim()
    .split("\r\n");
  expect(errors[0]).toBe("Anrede;Vorname;Nachname;Firma;E-Mail;Telefon;Straße;PLZ;Ort;Quelle;Fehler");
  expect(errors).toHaveLength(2);
  expect(errors[1]).toContain(`Weiß-${tag}`);

  await result.getByRole("button", { name: "Import rückgängig machen" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Import rückgängig machen" }).click();
  await expect(page.getByRole("region", { name: "Import rückgängig gemacht" })).toBeVisible({
    timeout: 20_000,
  });

  // The same page in English.
  await api.send("PATCH", "/me", { locale: "en" });
  await page.reload();
  await expect(page.getByRole("region", { name: "Import undone" })).toBeVisible();
  await screenshot(page, "import-progress-en", true);
});

test("a company list goes in with a value mapping saved as a template, which the next upload of that file reuses", async ({
  page,
  api,
}) => {
  // Two uploads, a template, two dry runs and four full-page screenshots: slow on a loaded machine.
  test.setTimeout(120_000);
  const tag = unique();
  const file = {
    name: `scanner-${tag}.csv`,
    mimeType: "text/csv",
    buffer: Buffer.from(
      [
        "Firmenbezeichnung;Web;USt-IdNr.;Mitarbeiter;Umsatz",
        `Nordlicht ${tag} GmbH;nordlicht-${tag}.example;DE 811 907 980;klein;1.234,56`,
        `Südwind ${tag} AG;suedwind-${tag}.example;;11-50;`,
      ].join("\r\n"),
    ),
  };
  await api.send("PATCH", "/me", { locale: "de" });
  await page.goto("/import");
  await page.locator('input[type="file"]').setInputFiles(file);
  await pick(page, page, "Importieren als", "Firmen");
  await page.getByRole("button", { name: "Hochladen und prüfen" }).click();
  const mapping = page.getByRole("region", { name: "Spalten zuordnen" });
  await expect(mapping.getByRole("combobox", { name: "Feld in Leadwerk: Mitarbeiter" })).toHaveValue(
    "Größe (Mitarbeitende)",
  );
  await pick(page, mapping, "Feld in Leadwerk: Firmenbezeichnung", "Name");
  await mapping.getByRole("button", { name: "Werte zuordnen" }).click();
  await pick(page, mapping, "Auswahl in Leadwerk: klein", "1-10");
  await mapping.getByRole("textbox", { name: "Als Vorlage speichern unter" }).fill(`Scanner ${tag}`);
  await mapping.getByRole("button", { name: "Vorlage speichern" }).click();
  await expect(mapping.getByRole("combobox", { name: "Vorlage" })).toHaveValue(`Scanner ${tag}`);
  await closeNotifications(page);
  await screenshot(page, "import-company-mapping-de", true);

  await page.getByRole("button", { name: "Probelauf berechnen" }).click();
  const dryRun = page.getByRole("region", { name: "Probelauf: was passieren würde" });
  await expect(dryRun.getByText("Neu: 2")).toBeVisible();
  await screenshot(page, "import-company-dry-run-de", true);

  // The same file again: the template maps it at once.
  await page.goto("/import");
  await page.locator('input[type="file"]').setInputFiles(file);
  await pick(page, page, "Importieren als", "Firmen");
  await page.getByRole("button", { name: "Hochladen und prüfen" }).click();
  await expect(page.getByText(`Vorlage „Scanner ${tag}“ angewendet`)).toBeVisible();
  await expect(mapping.getByRole("combobox", { name: "Feld in Leadwerk: Firmenbezeichnung" })).toHaveValue(
    "Name",
  );

  await api.send("PATCH", "/me", { locale: "en" });
  await page.reload();
  await expect(page.getByText(`Template “Scanner ${tag}” applied`)).toBeVisible({ timeout: 20_000 });
  await screenshot(page, "import-company-mapping-en", true);
  await page.getByRole("button", { name: "Run the dry run" }).click();
  await expect(page.getByRole("region", { name: "Dry run: what would happen" })).toBeVisible();
  await screenshot(page, "import-company-dry-run-en", true);
});

test("the export menu downloads the filtered list as a German Excel CSV and as XLSX", async ({
  page,
  api,
}) => {
  const company = `Ausfuhr ${unique()} GmbH`;
  await api.createLead({
    lastName: "Größe",
    companyName: company,
    estimatedValue: { amount: "12500.50", currency: "EUR" },
  });
  await api.send("PATCH", "/me", { locale: "de" });
  await page.goto(`/leads?q=${encodeURIComponent(company)}`);
  await expect(page.getByRole("row", { name: /Größe/ })).toBeVisible();
  await page.getByRole("button", { name: "Exportieren" }).click();
  await expect(page.getByRole("menuitem", { name: "CSV (Excel, Semikolon)" })).toBeVisible();
  // The menu fades in; the screenshot should show it settled.
  await expect(page.getByRole("menu")).toHaveCSS("opacity", "1");
  await screenshot(page, "export-menu-de");
  const downloading = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: "CSV (Excel, Semikolon)" }).click();
  const csv = (await readFile(await (await downloading).path(), "utf8")).replace(/^\uFEFF/, "");
  const [header, row] = csv.trim().split("\r\n");
  expect(header).toContain("Nachname;");
  expect(row).toContain("Größe");
  expect(row).toContain("12.500,50");

  await page.getByRole("button", { name: "Exportieren" }).click();
  const xlsx = page.waitForEvent("download");
  await page.getByRole("menuitem", { name: "Excel-Datei (.xlsx)" }).click();
  expect((await xlsx).suggestedFilename()).toMatch(/^leads-.*\.xlsx$/);
  await api.send("PATCH", "/me", { locale: "en" });
});
