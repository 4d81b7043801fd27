import { readFile } from "node:fs/promises";
import { type Api, closeNotifications, expect, pick, screenshot, test, unique } from "./fixtures";

/** A sales user to hand leads to, made by the admin through the API. */
async function createSeller(api: Api) {
  const tag = unique();
  return api.send<{ id: string; name: string }>("POST", "/users", {
    name: `Sina Seller ${tag}`,
    email: `sina-${tag}@example.com`,
    password: "seller-start-pass-1",
    role: "sales",
    teamId: null,
  });
}

test("a lead created by hand is found again by a search without accents", async ({ page, api }) => {
  const tag = unique();
  await api.createLead({
    firstName: "Erika",
    lastName: `Beispiel ${tag}`,
    companyName: "Beispiel AG",
    source: "referral",
  });
  await page.goto("/leads");
  await expect(page.getByRole("heading", { name: "Leads", level: 1 })).toBeVisible();

  await page.getByRole("button", { name: "New lead" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New lead" });
  await dialog.getByRole("textbox", { name: "First name", exact: true }).fill("Jürgen");
  await dialog.getByRole("textbox", { name: "Last name", exact: true }).fill("Müller");
  await dialog.getByRole("textbox", { name: "Company", exact: true }).fill(`Müller Maschinenbau ${tag}`);
  await dialog
    .getByRole("textbox", { name: "Email", exact: true })
    .fill(`juergen.mueller-${tag}@example.com`);
  await dialog.getByRole("textbox", { name: "Phone", exact: true }).fill("+49 30 1234567");
  await dialog
    .getByRole("textbox", { name: "Interest", exact: true })
    .fill("Wartungsvertrag für drei Standorte");
  await pick(page, dialog, "Source", "Trade show");
  await dialog.getByRole("textbox", { name: "Estimated value", exact: true }).fill("12500");
  await screenshot(page, "lead-create");
  await dialog.getByRole("button", { name: "Create lead" }).click();

  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Jürgen Müller", level: 1 })).toBeVisible();
  await expect(page.getByText("Trade show", { exact: true })).toBeVisible();

  await page.getByRole("link", { name: "All leads" }).click();
  await page.getByRole("searchbox", { name: "Search leads" }).fill(`muller maschinenbau ${tag}`);
  await expect(page).toHaveURL(/q=muller/);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1)).toContainText("Jürgen Müller");
  // The search sits in the address, so a reload shows the same list.
  await page.reload();
  await expect(page.getByRole("searchbox", { name: "Search leads" })).toHaveValue(
    `muller maschinenbau ${tag}`,
  );
  await expect(page.getByRole("row", { name: /Jürgen Müller/ })).toBeVisible();
});

test("an owner, all four BANT criteria met and the lead reaches SQL", async ({ page, api }) => {
  // Seven saves, each answered and re-rendered: more round trips than the default budget expects.
  test.slow();
  const seller = await createSeller(api);
  const lead = await api.createLead({
    firstName: "Greta",
    lastName: `Qualifiziert ${unique()}`,
    companyName: "Nordlicht GmbH",
  });
  await page.goto(`/leads/${lead.id}`);
  await expect(page.getByText("New", { exact: true }).first()).toBeVisible();

  await pick(page, page, "Owner", seller.name);
  await expect(page.getByText("Owner changed.")).toBeVisible();
  await expect(page.getByRole("main").getByText("Assigned", { exact: true })).toBeVisible();

  // Without BANT the server refuses SQL and says why, right at the stepper.
  await page.getByRole("button", { name: /Sales qualified/ }).click();
  await expect(page.getByRole("alert").filter({ hasText: "BANT" })).toBeVisible();

  for (const criterion of ["Budget", "Authority", "Need", "Timeline"]) {
    await page.getByRole("radiogroup", { name: criterion }).getByText("Met", { exact: true }).click();
  }
  await page.getByRole("textbox", { name: "Amount" }).fill("40000");
  await page.getByRole("textbox", { name: "Decision maker (name, role)" }).fill("Dr. Ines Nordmann, CFO");
  await page.getByRole("textbox", { name: "What they need" }).fill("Ablösung der Excel-Listen im Vertrieb");
  await page.getByRole("button", { name: "Save BANT" }).click();
  await expect(page.getByText("BANT qualification saved.")).toBeVisible();
  await expect(page.getByText("BANT-qualified", { exact: true })).toBeVisible();
  await expect(
    page.getByRole("img", { name: /Budget: Met, Authority: Met, Need: Met, Timeline: Met/ }).first(),
  ).toBeVisible();

  await page.getByRole("button", { name: /Sales qualified/ }).click();
  await expect(page.getByText("Lifecycle stage is now SQL.")).toBeVisible();
  await expect(page.getByRole("button", { name: /Sales qualified/ })).toContainText("Entered");
  await expect(
    page.getByText("Lifecycle stage: SAL → SQL").or(page.getByText("Lifecycle stage: MAL → SQL")),
  ).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Timeline" }).getByText("Budget: Unknown → Met"),
  ).toBeVisible();
  await closeNotifications(page);
  await screenshot(page, "lead-detail", true);
});

test("two selected leads are assigned in one go", async ({ page, api }) => {
  const seller = await createSeller(api);
  const company = `Bulk ${unique()} GmbH`;
  await api.createLead({ lastName: "Erster", companyName: company });
  await api.createLead({ lastName: "Zweiter", companyName: company });

  await page.goto(`/leads?q=${encodeURIComponent(company)}`);
  await expect(page.getByRole("row")).toHaveCount(3);
  await page.getByRole("checkbox", { name: "Select Erster" }).check();
  await page.getByRole("checkbox", { name: "Select Zweiter" }).check();
  const toolbar = page.getByRole("toolbar", { name: "Bulk actions" });
  await expect(toolbar).toContainText("2 selected");
  await toolbar.getByRole("button", { name: "Assign" }).click();
  const dialog = page.getByRole("dialog", { name: "Assign 2 leads" });
  await pick(page, dialog, "New owner", seller.name);
  await dialog.getByRole("button", { name: "Apply" }).click();

  await expect(page.getByText("2 leads changed.")).toBeVisible();
  for (const name of ["Erster", "Zweiter"]) {
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText(seller.name);
    await expect(row).toContainText("Assigned");
  }
});

test("the CSV export carries the list's filter and starts with a header row", async ({ page, api }) => {
  const company = `Export ${unique()} KG`;
  await api.createLead({ lastName: "Ausfuhr", companyName: company, email: "ausfuhr@example.com" });
  await page.goto(`/leads?q=${encodeURIComponent(company)}`);
  await expect(page.getByRole("row", { name: /Ausfuhr/ })).toBeVisible();

  const downloading = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export" }).click();
  await page.getByRole("menuitem", { name: "CSV (comma-separated)" }).first().click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^leads-.*\.csv$/);
  const csv = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
  const [header, ...rows] = csv.trim().split(/\r?\n/);
  // The English UI's words for the view's columns, not field keys.
  expect(header?.split(",")).toEqual(expect.arrayContaining(["Status", "Last name", "Company"]));
  expect(rows).toHaveLength(1);
  expect(rows[0]).toContain(company);
});

test("a call logged from the detail page appears in the timeline and starts the work", async ({
  page,
  api,
}) => {
  const { user } = await api.me();
  const lead = await api.createLead({ firstName: "Carla", lastName: `Anruf ${unique()}`, ownerId: user.id });
  await page.goto(`/leads/${lead.id}`);
  await expect(page.getByRole("main").getByText("Assigned", { exact: true })).toBeVisible();

  await page.getByRole("button", { name: "Log call" }).click();
  const dialog = page.getByRole("dialog", { name: "Log call" });
  await expect(dialog.getByRole("textbox", { name: "Subject" })).toHaveValue(/^Call with Carla Anruf/);
  await dialog.getByRole("textbox", { name: "Notes" }).fill("Interesse bestätigt, Angebot bis Freitag.");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Call logged.")).toBeVisible();

  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByText(/^Call: Call with Carla Anruf/)).toBeVisible();
  await expect(timeline.getByText("Interesse bestätigt, Angebot bis Freitag.")).toBeVisible();
  // The owner's first activity moves an assigned lead to "in process" (server rule).
  await expect(page.getByRole("main").getByText("In process", { exact: true }).first()).toBeVisible();
});

test("closing a lead asks for a reason", async ({ page, api }) => {
  const lead = await api.createLead({ lastName: `Absage ${unique()}`, companyName: "Kein Budget AG" });
  await page.goto(`/leads/${lead.id}`);
  await page.getByRole("button", { name: "Change status" }).click();
  await page.getByRole("menuitem", { name: "Close…" }).click();
  const dialog = page.getByRole("dialog", { name: "Close lead" });
  await dialog.getByRole("button", { name: "Close lead" }).click();
  await expect(dialog.getByRole("textbox", { name: "Why is this lead closed?" })).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await dialog.getByRole("textbox", { name: "Why is this lead closed?" }).fill("Kein Budget vor 2027");
  await dialog.getByRole("button", { name: "Close lead" }).click();
  await expect(page.getByText("Closed: Kein Budget vor 2027")).toBeVisible();

  await page.getByRole("button", { name: "Change status" }).click();
  await expect(page.getByRole("menuitem")).toHaveCount(1);
  await expect(page.getByRole("menuitem", { name: "Reopen" })).toBeVisible();
});

test("the list in English and German, with filters in the address", async ({ page, api }) => {
  const seller = await createSeller(api);
  const sources = ["referral", "web_form", "trade_show", "inbound_call"] as const;
  for (const [index, source] of sources.entries()) {
    await api.createLead({
      firstName: ["Anna", "Bernd", "Clara", "Deniz"][index],
      lastName: `Schäfer ${unique()}`,
      companyName: ["Alpenblick Hotels GmbH", "Brandt Logistik KG", "Cordes Medizintechnik", "Demir Bau AG"][
        index
      ],
      email: `kontakt-${unique()}@example.com`,
      source,
      ownerId: index % 2 === 0 ? seller.id : null,
      estimatedValue: { amount: String(15000 * (index + 1)), currency: "EUR" },
      bant: {
        budget: { state: "met", amount: "20000", currency: "EUR" },
        authority: { state: index > 1 ? "met" : "unknown" },
        need: { state: index === 0 ? "not_met" : "met" },
        timeline: { state: "unknown" },
      },
      tags: ["Messe 2026"],
    });
  }

  await page.goto("/leads?lifecycleStage=mal&sort=-score");
  await expect(page.getByRole("columnheader", { name: "Score" })).toHaveAttribute("aria-sort", "descending");
  await expect(page.getByText("Lifecycle stage: MAL")).toBeVisible();
  await screenshot(page, "leads-list");

  await page.getByRole("radiogroup", { name: "Language" }).getByText("DE", { exact: true }).click();
  await expect(page.getByRole("heading", { name: "Interessenten", level: 1 })).toBeVisible();
  await expect(page.getByText("Lebenszyklusphase: MAL")).toBeVisible();
  await screenshot(page, "leads-list-de");
});

test("an admin edits the score rules in the lead settings", async ({ page, api }) => {
  const settings = await api.send<{ leadScoreRules: unknown[] }>("GET", "/settings");
  await page.goto("/settings/leads");
  await expect(page.getByRole("heading", { name: "Leads", level: 2 })).toBeVisible();
  const rows = page.getByRole("table").getByRole("row");
  // The header row plus one row per rule, counted once the saved rules have arrived.
  const before = settings.leadScoreRules.length + 1;
  await expect(rows).toHaveCount(before);
  await page.getByRole("button", { name: "Add rule" }).click();
  await expect(rows).toHaveCount(before + 1);
  await page.getByRole("textbox", { name: `Points ${before}` }).fill("7");
  await page.getByRole("button", { name: "Save lead settings" }).click();
  await expect(page.getByText("Lead settings saved.")).toBeVisible();
  await page.reload();
  await expect(rows).toHaveCount(before + 1);
  await page.getByRole("button", { name: `Remove rule ${before}` }).click();
  await page.getByRole("button", { name: "Save lead settings" }).click();
  await expect(page.getByText("Lead settings saved.")).toBeVisible();
});

test("a refused save brings the first wrong field into sight and focus; the long form's save button stays in sight", async ({
  page,
}) => {
  const tag = unique();
  const languages = [
    {
      code: "EN",
      newLead: "New lead",
      save: "Create lead",
      email: "Email",
      lastName: "Last name",
      lifecycle: "Lifecycle stage",
      cancel: "Cancel",
    },
    {
      code: "DE",
      newLead: "Neuer Interessent",
      save: "Interessent anlegen",
      email: "E-Mail",
      lastName: "Nachname",
      lifecycle: "Lebenszyklusphase",
      cancel: "Abbrechen",
    },
  ];
  await page.goto("/leads");
  for (const text of languages) {
    await page
      .getByRole("radiogroup", { name: /Language|Sprache/ })
      .getByText(text.code, { exact: true })
      .click();
    await page.getByRole("button", { name: text.newLead }).first().click();
    const dialog = page.getByRole("dialog", { name: text.newLead });
    const save = dialog.getByRole("button", { name: text.save });
    // The form is taller than the screen, yet at its top the save button is in sight.
    await expect(save).toBeInViewport();
    await dialog.getByRole("textbox", { name: text.lastName, exact: true }).fill(`Fehlerfall ${tag}`);
    const email = dialog.getByRole("textbox", { name: text.email, exact: true });
    await email.fill("kein-at-zeichen.example");
    // At the bottom of the form the wrong address is out of sight; the server refuses it.
    await dialog.getByRole("combobox", { name: text.lifecycle, exact: true }).scrollIntoViewIfNeeded();
    await expect(email).not.toBeInViewport();
    await save.click();
    await expect(email).toBeFocused();
    await expect(email).toHaveAttribute("aria-invalid", "true");
    await expect(email).toBeInViewport();
    await expect(save).toBeInViewport();
    await screenshot(page, `lead-form-errors-${text.code.toLowerCase()}`);
    await dialog.getByRole("button", { name: text.cancel }).click();
    await expect(dialog).toBeHidden();
  }
});
