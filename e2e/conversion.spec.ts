import { closeNotifications, expect, screenshot, test, unique } from "./fixtures";

const BANT = {
  budget: { state: "met", amount: "36000", currency: "EUR" },
  authority: { state: "met", detail: "Managing director" },
  need: { state: "met", detail: "Replace paper job sheets" },
  timeline: { state: "met", date: "2027-06-30" },
};

test("a lead converted with a new company and deal shows up in the company file and on the board", async ({
  page,
  api,
}) => {
  // Three screens and a conversion that writes a dozen rows: more than the default 30 s on a busy machine.
  test.slow();
  const tag = unique();
  const me = await api.me();
  const company = `Tischlerei Holzwerk ${tag} GmbH`;
  const lead = await api.createLead({
    salutation: "Herr",
    firstName: "Bernd",
    lastName: `Schreiner ${tag}`,
    companyName: company,
    jobTitle: "Geschäftsführer",
    email: `bernd.schreiner@holzwerk-${tag}.de`,
    phone: "+49 89 4455667",
    website: `holzwerk-${tag}.de`,
    city: "München",
    country: "DE",
    source: "trade_show",
    sourceDetail: "Holz-Handwerk Nürnberg",
    interest: "Mobile Auftragserfassung für 12 Monteure",
    estimatedValue: { amount: "30000", currency: "EUR" },
    bant: BANT,
    ownerId: me.user.id,
  });

  await page.goto(`/leads/${lead.id}`);
  await page.getByRole("button", { name: "Convert", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Convert Bernd Schreiner ${tag}` });
  await expect(
    dialog.getByRole("radio", { name: new RegExp(`New contact: Bernd Schreiner ${tag}`) }),
  ).toBeChecked();
  await expect(dialog.getByRole("radio", { name: new RegExp(`New company: ${company}`) })).toBeChecked();
  await expect(dialog.getByRole("textbox", { name: "Last name" })).toHaveValue(`Schreiner ${tag}`);
  await expect(dialog.getByRole("checkbox", { name: "Create a deal" })).toBeChecked();
  const dealTitle = `${company} – Mobile Auftragserfassung für 12 Monteure`;
  await expect(dialog.getByRole("textbox", { name: "Deal title" })).toHaveValue(dealTitle);
  await expect(dialog.getByRole("textbox", { name: "Amount" })).toHaveValue("36000");
  await dialog.getByRole("checkbox", { name: "Schedule a follow-up" }).check();
  await expect(dialog.getByRole("textbox", { name: "Subject" })).toHaveValue(
    `Follow-up with Bernd Schreiner ${tag}`,
  );
  await screenshot(page, "conversion-dialog");

  // A server rule error lands beside its field and keeps the input: clear the contact's last name.
  await dialog.getByRole("textbox", { name: "Last name" }).fill("");
  await dialog.getByRole("button", { name: "Convert lead" }).click();
  await expect(dialog.getByRole("textbox", { name: "Last name" })).toHaveAccessibleDescription(/.+/);
  await expect(dialog.getByRole("textbox", { name: "Deal title" })).toHaveValue(dealTitle);
  await dialog.getByRole("textbox", { name: "Last name" }).fill(`Schreiner ${tag}`);
  await dialog.getByRole("button", { name: "Convert lead" }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });
  // The confirmation names the follow-up it put in the calendar, as the user writes dates (issue #15).
  const tomorrowAtTen = new Date();
  tomorrowAtTen.setUTCDate(tomorrowAtTen.getUTCDate() + 1);
  tomorrowAtTen.setUTCHours(10, 0, 0, 0); // the browser runs in UTC (playwright.config.ts)
  const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  await expect(
    page.getByText(
      `Lead converted. The appointment “Follow-up with Bernd Schreiner ${tag}” on ${when.format(tomorrowAtTen)} is in the calendar.`,
    ),
  ).toBeVisible();
  await screenshot(page, "lead-converted-confirmation");

  await expect(page.getByText("Converted", { exact: true }).first()).toBeVisible();
  const links = page.getByRole("alert").filter({ hasText: "Converted on" });
  await expect(links.getByRole("link", { name: `Bernd Schreiner ${tag}`, exact: true })).toBeVisible();
  await expect(links.getByRole("link", { name: company, exact: true })).toBeVisible();
  await expect(links.getByRole("link", { name: dealTitle, exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Convert", exact: true })).toHaveCount(0);
  await closeNotifications(page);
  await screenshot(page, "lead-converted");

  await links.getByRole("link", { name: company, exact: true }).click();
  await expect(page).toHaveURL(/\/companies\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: company, level: 1 })).toBeVisible();
  await expect(page.getByText(dealTitle).first()).toBeVisible();
  await expect(page.getByText(`Bernd Schreiner ${tag}`).first()).toBeVisible();

  await page.goto("/deals");
  // The board loads its columns and opens the live stream; on a busy machine that takes a moment.
  await expect(page.getByRole("article", { name: dealTitle, exact: true })).toBeVisible({ timeout: 15_000 });
});

test("selected leads are converted in bulk, with a report of the one that could not be", async ({
  page,
  api,
}) => {
  test.slow();
  const company = `Sammel ${unique()} AG`;
  await api.createLead({ lastName: "Eins", companyName: company, email: `eins@${unique()}.example` });
  await api.createLead({ companyName: company, email: `ohne-name@${unique()}.example` });

  await page.goto(`/leads?q=${encodeURIComponent(company)}`);
  await expect(page.getByRole("row")).toHaveCount(3);
  for (const checkbox of await page
    .getByRole("row")
    .getByRole("checkbox", { name: /^Select / })
    .all())
    await checkbox.check();
  const toolbar = page.getByRole("toolbar", { name: "Bulk actions" });
  await expect(toolbar).toContainText("2 selected");
  await toolbar.getByRole("button", { name: "Convert" }).click();
  const dialog = page.getByRole("dialog", { name: "Convert 2 leads" });
  await dialog.getByRole("button", { name: "Convert 2 leads" }).click();
  await expect(dialog.getByText("1 lead converted.")).toBeVisible({ timeout: 15_000 });
  await expect(dialog.getByText("1 lead not converted")).toBeVisible();
  await expect(dialog.getByText("has no last name for the contact")).toBeVisible();
  await screenshot(page, "conversion-bulk-report");
  await dialog.getByRole("button", { name: "Close" }).last().click();
  await expect(page.getByRole("row", { name: /Eins/ })).toContainText("Converted");
});

test("a lead that matches an existing contact is merged into it field by field", async ({ page, api }) => {
  test.slow();
  // The issue asks for a merge table readable at 1280 px.
  await page.setViewportSize({ width: 1280, height: 900 });
  const tag = unique();
  const email = `clara.brandt@werkhof-${tag}.de`;
  const contact = await api.send<{ id: string }>("POST", "/contacts", {
    salutation: "Frau",
    firstName: "Clara",
    lastName: `Brandt ${tag}`,
    jobTitle: "Vertrieb",
    email,
    phone: "+49 30 1111111",
  });
  const lead = await api.createLead({
    salutation: "Frau",
    firstName: "Clara",
    lastName: `Brandt ${tag}`,
    jobTitle: "Leiterin Einkauf und Beschaffung",
    department: "Einkauf",
    email,
    phone: "+49 30 2222222",
    street: "Schönhauser Allee 12",
    postalCode: "10119",
    city: "Berlin",
    country: "DE",
    source: "referral",
  });
  const openDialog = async (title: string, button: string) => {
    await page.goto(`/leads/${lead.id}`);
    await page.getByRole("button", { name: button, exact: true }).click();
    const dialog = page.getByRole("dialog", { name: title });
    await expect(dialog.getByRole("table")).toBeVisible();
    return dialog;
  };

  await api.send("PATCH", "/me", { locale: "de" });
  try {
    const dialog = await openDialog(`Clara Brandt ${tag} umwandeln`, "Umwandeln");
    await expect(dialog.getByText("Vom Interessenten in den Kontakt übernehmen")).toBeVisible();
    // Without the deal's fields the whole table fits beside the choices, as in English below.
    await dialog.getByRole("checkbox", { name: "Deal anlegen" }).uncheck();
    await dialog.getByRole("row").last().scrollIntoViewIfNeeded();
    await screenshot(page, "conversion-merge-de");
  } finally {
    await api.send("PATCH", "/me", { locale: "en" });
  }

  const dialog = await openDialog(`Convert Clara Brandt ${tag}`, "Convert");
  // The contact with the lead's email is preselected; the same email is not a row of the table.
  await expect(dialog.getByRole("radio", { name: new RegExp(`^Clara Brandt ${tag}`) })).toBeChecked();
  const table = dialog.getByRole("table", { name: "Take from the lead into the contact" });
  await expect(table.getByRole("row", { name: /^Email/ })).toHaveCount(0);
  const row = (field: string) => table.getByRole("row", { name: new RegExp(`^${field}`) });
  // An empty field of the contact defaults to the lead's value, a filled one to keeping it.
  await expect(row("Department").getByRole("radio", { name: "Take the lead's" })).toBeChecked();
  await expect(row("Job title").getByRole("radio", { name: "Keep", exact: true })).toBeChecked();
  // By keyboard: from Keep, the arrow key moves to the lead's value.
  await row("Job title").getByRole("radio", { name: "Keep", exact: true }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(row("Job title").getByRole("radio", { name: "Take the lead's" })).toBeChecked();
  await row("Phone").getByText("Keep both").click();
  await row("Address").getByText("Keep", { exact: true }).click();
  await dialog.getByRole("checkbox", { name: "Create a deal" }).uncheck();
  await table.scrollIntoViewIfNeeded();
  await screenshot(page, "conversion-merge-en");
  await dialog.getByRole("button", { name: "Convert lead" }).click();
  await expect(dialog).toBeHidden({ timeout: 15_000 });

  const merged = await api.send<{
    jobTitle: string;
    department: string;
    phones: { value: string }[];
    addresses: unknown[];
  }>("GET", `/contacts/${contact.id}`);
  expect(merged.jobTitle).toBe("Leiterin Einkauf und Beschaffung");
  expect(merged.department).toBe("Einkauf");
  expect(merged.phones.map((p) => p.value)).toEqual(["+49 30 1111111", "+49 30 2222222"]);
  expect(merged.addresses).toEqual([]);
  await page.goto(`/contacts/${contact.id}`);
  await expect(
    page.getByText(`Taken from the lead Clara Brandt ${tag}: Job title, Department, Phone`),
  ).toBeVisible({ timeout: 15_000 });
  await screenshot(page, "conversion-merge-timeline");
});
