import { closeNotifications, expect, screenshot, test, unique } from "./fixtures";

test("a company, a contact there and a lead for the company, seen from both pages", async ({ page, api }) => {
  test.slow();
  const tag = unique();
  const companyName = `Weißwerk Anlagenbau ${tag}`;
  await api.send("POST", "/companies", { name: `Zeppelin Logistik ${tag}`, industry: "Logistics" });

  // The company, created through the list's modal.
  await page.goto("/companies");
  // The first page of a fresh browser loads the whole bundle: slow on a busy CI machine.
  await expect(page.getByRole("heading", { name: "Companies", level: 1 })).toBeVisible({ timeout: 20_000 });
  await page.getByRole("button", { name: "New company" }).first().click();
  const companyDialog = page.getByRole("dialog", { name: "New company" });
  await companyDialog.getByRole("textbox", { name: "Name" }).fill(companyName);
  await companyDialog.getByRole("textbox", { name: "Website" }).fill("weisswerk.example");
  await companyDialog.getByRole("textbox", { name: "Industry" }).fill("Mechanical engineering");
  await companyDialog.getByRole("textbox", { name: "Phone" }).fill("+49 89 123456");
  await companyDialog.getByRole("button", { name: "Create company" }).click();
  await expect(page).toHaveURL(/\/companies\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: companyName, level: 1 })).toBeVisible();
  const companyUrl = page.url();

  // The search sits in the address and narrows the list to what matches.
  await page.getByRole("link", { name: "All companies" }).click();
  await page.getByRole("searchbox", { name: "Search companies" }).fill(`anlagenbau ${tag}`);
  await expect(page).toHaveURL(/q=anlagenbau/);
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(2);
  await page.getByRole("searchbox", { name: "Search companies" }).fill(tag);
  await expect(page.getByRole("table").getByRole("row")).toHaveCount(3);
  await closeNotifications(page);
  await screenshot(page, "companies-list");

  // A contact at that company, picked by a search in the modal.
  await page.goto("/contacts");
  await page.getByRole("button", { name: "New contact" }).first().click();
  const contactDialog = page.getByRole("dialog", { name: "New contact" });
  await contactDialog.getByRole("textbox", { name: "Salutation" }).fill("Frau");
  await contactDialog.getByRole("textbox", { name: "First name" }).fill("Renée");
  await contactDialog.getByRole("textbox", { name: "Last name" }).fill(`Gärtner ${tag}`);
  await contactDialog.getByRole("combobox", { name: "Company" }).fill(`anlagenbau ${tag}`);
  await page.getByRole("option", { name: companyName }).click();
  await contactDialog.getByRole("textbox", { name: "Job title" }).fill("Head of Purchasing");
  await contactDialog.getByRole("textbox", { name: "Email" }).fill(`renee-${tag}@example.com`);
  await contactDialog.getByRole("button", { name: "Create contact" }).click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: `Renée Gärtner ${tag}`, level: 1 })).toBeVisible();
  const contactUrl = page.url();

  // A lead for the company from the company page; the form starts linked to it.
  await page.goto(companyUrl);
  await expect(page.getByRole("link", { name: `Renée Gärtner ${tag}` })).toBeVisible();
  await page.getByRole("button", { name: "New lead for this company" }).click();
  const leadDialog = page.getByRole("dialog", { name: "New lead" });
  await expect(leadDialog.getByRole("combobox", { name: "Company record" })).toHaveValue(companyName);
  await leadDialog.getByRole("textbox", { name: "Last name", exact: true }).fill(`Gärtner ${tag}`);
  await leadDialog.getByRole("textbox", { name: "Interest", exact: true }).fill("Second production line");
  await leadDialog.getByRole("button", { name: "Create lead" }).click();
  await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
  const leadUrl = page.url();

  // Link the contact from the lead's linked-records card.
  const links = page.getByRole("region", { name: "Linked records" });
  await expect(links.getByRole("link", { name: companyName })).toBeVisible();
  await links.getByRole("button", { name: "Edit Linked records" }).click();
  await links.getByRole("combobox", { name: "Contact" }).fill(`gartner ${tag}`);
  await page.getByRole("option", { name: new RegExp(`Renée Gärtner ${tag}`) }).click();
  await links.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText("Links saved.")).toBeVisible();
  await expect(links.getByRole("link", { name: `Renée Gärtner ${tag}` })).toBeVisible();

  await page.goto(companyUrl);
  const companyLeads = page.getByRole("region", { name: "Leads" });
  await expect(companyLeads.getByRole("link", { name: `Gärtner ${tag}` })).toBeVisible();
  await closeNotifications(page);
  await screenshot(page, "company-with-lead", true);

  // The contact's deals are on its page, each with stage, amount, status and a link (issue #15).
  const contactId = new URL(contactUrl).pathname.split("/").pop() ?? "";
  const deal = await api.send<{ id: string }>("POST", "/deals", {
    title: `Zweite Fertigungslinie ${tag}`,
    amount: { amount: "48000", currency: "EUR" },
    contacts: [{ contactId, isPrimary: true }],
  });
  await page.goto(contactUrl);
  await expect(
    page.getByRole("region", { name: "Leads" }).getByRole("link", { name: `Gärtner ${tag}` }),
  ).toHaveAttribute("href", new URL(leadUrl).pathname);
  const contactDeals = page.getByRole("region", { name: "Deals" });
  await expect(contactDeals.getByRole("link", { name: `Zweite Fertigungslinie ${tag}` })).toHaveAttribute(
    "href",
    `/deals/${deal.id}`,
  );
  await expect(contactDeals.getByRole("cell", { name: "€48,000" })).toBeVisible();
  await expect(contactDeals.getByRole("cell", { name: "Open" })).toBeVisible();
  await screenshot(page, "contact-with-lead", true);
});

test("an admin restores a deleted lead from the deleted list", async ({ page, api }) => {
  const name = `Rückkehr ${unique()}`;
  const lead = await api.createLead({ lastName: name, companyName: "Phönix AG" });
  await api.send("DELETE", `/leads/${lead.id}`);

  await page.goto("/leads");
  await expect(page.getByRole("row", { name: new RegExp(name) })).toHaveCount(0);
  await page.getByRole("button", { name: "Filters" }).click();
  await page.getByRole("switch", { name: "Show deleted" }).check();
  await expect(page).toHaveURL(/deleted=true/);
  await page.getByRole("button", { name: "Done" }).click();
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: `Restore ${name}` }).click();
  await expect(page.getByText(`Lead ${name} restored.`)).toBeVisible();
  await expect(row).toHaveCount(0);

  await page.getByRole("button", { name: "Clear: Show deleted: Yes" }).click();
  await expect(page).not.toHaveURL(/deleted=true/);
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
});

test("the company file as hub: two contacts added there, then a duplicate merged", async ({ page, api }) => {
  test.slow();
  const tag = unique();
  const company = await api.send<{ id: string }>("POST", "/companies", {
    name: `Nordlicht Maschinenbau ${tag}`,
    website: `nordlicht-${tag}.example`,
    industry: "Mechanical engineering",
    billingAddress: { street: "Hafenstraße 12", postalCode: "20457", city: "Hamburg", country: "DE" },
  });

  // Two contacts from the company file; the company is preset and the page stays.
  await page.goto(`/companies/${company.id}`);
  // The first page of a fresh browser loads the whole bundle: slow on a busy CI machine.
  await expect(page.getByRole("heading", { name: `Nordlicht Maschinenbau ${tag}`, level: 1 })).toBeVisible({
    timeout: 20_000,
  });
  const people = [
    {
      first: "Jürgen",
      last: `Müller ${tag}`,
      email: `j.mueller-${tag}@nordlicht.example`,
      job: "Head of Purchasing",
    },
    { first: "Anna", last: `Schmidt ${tag}`, email: `a.schmidt-${tag}@nordlicht.example`, job: "CFO" },
  ];
  for (const person of people) {
    await page.getByRole("button", { name: "Add contact" }).first().click();
    const dialog = page.getByRole("dialog", { name: "New contact" });
    await expect(dialog.getByRole("combobox", { name: "Company" })).toHaveValue(
      `Nordlicht Maschinenbau ${tag}`,
    );
    await dialog.getByRole("textbox", { name: "First name" }).fill(person.first);
    await dialog.getByRole("textbox", { name: "Last name" }).fill(person.last);
    await dialog.getByRole("textbox", { name: "Job title" }).fill(person.job);
    await dialog.getByRole("textbox", { name: "Email" }).fill(person.email);
    await dialog.getByRole("button", { name: "Create contact" }).click();
    await expect(dialog).toBeHidden();
  }
  await expect(page).toHaveURL(new RegExp(`/companies/${company.id}$`));
  const contactsCard = page.getByRole("region", { name: "Contacts (2)" });
  for (const person of people)
    await expect(contactsCard.getByRole("link", { name: `${person.first} ${person.last}` })).toBeVisible();
  await expect(page.getByRole("region", { name: "Quotes and emails" })).toBeVisible();
  await closeNotifications(page);
  await screenshot(page, "company-file", true);

  // The same person entered again elsewhere, with the same email: the create dialog warns.
  await page.goto("/contacts");
  await page.getByRole("button", { name: "New contact" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New contact" });
  await dialog.getByRole("textbox", { name: "First name" }).fill("Juergen");
  await dialog.getByRole("textbox", { name: "Last name" }).fill(`Mueller ${tag}`);
  await dialog.getByRole("textbox", { name: "Email" }).fill(people[0]?.email ?? "");
  await expect(dialog.getByText("Possibly already there")).toBeVisible();
  await expect(dialog.getByText("(same email)")).toBeVisible();
  await dialog.getByRole("textbox", { name: "Job title" }).fill("Purchasing");
  await dialog.getByRole("button", { name: "Create contact" }).click();
  await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/);
  const duplicateUrl = page.url();

  // Inline editing on the contact page: a second phone, the consent.
  await page.goto(`/companies/${company.id}`);
  await page.getByRole("link", { name: `Jürgen Müller ${tag}` }).click();
  await expect(page.getByRole("heading", { name: `Jürgen Müller ${tag}`, level: 1 })).toBeVisible();
  const survivorUrl = page.url();
  const channels = page.getByRole("region", { name: "Emails, phones, addresses" });
  await channels.getByRole("button", { name: "Edit Emails, phones, addresses" }).click();
  await channels.getByRole("button", { name: "Add phone" }).click();
  await channels.getByRole("textbox", { name: "Phone 1" }).fill("+49 40 1234567");
  await channels.getByRole("button", { name: "Save" }).click();
  await expect(channels.getByRole("link", { name: "+49 40 1234567" })).toBeVisible();
  // The history says what changed in words, not "[object Object]".
  await expect(page.getByText("Phones: empty → +49 40 1234567")).toBeVisible();
  const settings = page.getByRole("region", { name: "Owner, tags, consent" });
  await settings.getByRole("button", { name: "Edit Owner, tags, consent" }).click();
  await settings.getByRole("switch", { name: "Agrees to marketing" }).check();
  await settings.getByRole("textbox", { name: "Consent source" }).fill("Hannover Messe");
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(settings.getByText("Given")).toBeVisible();
  await expect(settings.getByText(/Hannover Messe · /)).toBeVisible();
  await closeNotifications(page);
  await screenshot(page, "contact-detail", true);

  // Find the duplicate and merge it, picking the job title of the other one.
  await page.getByRole("button", { name: "Find duplicates" }).click();
  const found = page.getByRole("dialog", { name: /Possible duplicates of/ });
  await expect(found.getByText("same email")).toBeVisible();
  await found.getByRole("button", { name: "Merge" }).click();
  await expect(page).toHaveURL(/\/contacts\/merge\?survivor=/);
  await expect(page.getByRole("heading", { name: "Merge contacts", level: 1 })).toBeVisible();
  await page.getByRole("radio", { name: "Job title: is merged in" }).check();
  await screenshot(page, "contact-merge", true);
  await page.getByRole("button", { name: `Merge Juergen Mueller ${tag} into this one` }).click();
  await expect(page).toHaveURL(survivorUrl);
  await expect(page.getByText(/Merged into Jürgen Müller/)).toBeVisible();
  await expect(
    page.getByRole("region", { name: "Person" }).getByText("Purchasing", { exact: true }),
  ).toBeVisible();

  // The merged-away contact's address leads to the survivor.
  await page.goto(duplicateUrl);
  await expect(page).toHaveURL(survivorUrl, { timeout: 15_000 });
  await expect(page.getByRole("heading", { name: `Jürgen Müller ${tag}`, level: 1 })).toBeVisible();
});

test("the contact list filters by tag in the drawer and shows a chosen column", async ({ page, api }) => {
  const tag = unique();
  const label = `messe-${tag}`;
  await api.send("POST", "/contacts", { firstName: "Ida", lastName: `Filter ${tag}`, tags: [label] });
  await api.send("POST", "/contacts", { firstName: "Otto", lastName: `Filter ${tag}` });

  await page.goto(`/contacts?q=${tag}`);
  // The first page of a fresh browser loads the whole bundle: slow on a busy CI machine.
  await expect(page.getByRole("heading", { name: "Contacts", level: 1 })).toBeVisible({ timeout: 20_000 });
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3);

  await page.getByRole("button", { name: "Filters" }).click();
  const drawer = page.getByRole("dialog", { name: "Filter contacts" });
  await drawer.getByRole("combobox", { name: "Tags" }).fill(label);
  await drawer.getByRole("combobox", { name: "Tags" }).press("Enter");
  await expect(page).toHaveURL(new RegExp(`tags=${label}`));
  await expect(rows).toHaveCount(2);
  await screenshot(page, "contacts-filter-drawer");
  await drawer.getByRole("button", { name: "Done" }).click();
  await expect(drawer).toBeHidden();
  await expect(page.getByRole("row", { name: new RegExp(`Ida Filter ${tag}`) })).toBeVisible();

  // A column beyond the default ones, from the chooser.
  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("checkbox", { name: "Tags" }).check();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("columnheader", { name: "Tags" })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`Ida Filter ${tag}`) })).toContainText(label);
  await closeNotifications(page);
  await screenshot(page, "contacts-list-filtered");

  // The chip takes the filter away again; the URL and the list follow.
  await page.getByRole("button", { name: `Clear: Tags: ${label}` }).click();
  await expect(page).not.toHaveURL(/tags=/);
  await expect(rows).toHaveCount(3);

  // The companies list has the same drawer.
  await page.goto("/companies");
  await page.getByRole("button", { name: "Filters" }).click();
  const companyDrawer = page.getByRole("dialog", { name: "Filter companies" });
  await expect(companyDrawer.getByText("Created between")).toBeVisible();
  // Wait for the drawer to finish sliding in before the picture.
  await expect(companyDrawer.getByRole("button", { name: "Done" })).toBeInViewport({ ratio: 1 });
  await screenshot(page, "companies-filter-drawer");
});

test("German business details: Frau Dr. Müller per Sie, DIN 5008 addresses, phones, a wrong USt-IdNr refused", async ({
  page,
  api,
}) => {
  // Two languages, three record pages and a refused save: long on a loaded CI machine.
  test.setTimeout(240_000);
  const tag = unique();
  const company = await api.send<{ id: string }>("POST", "/companies", {
    name: `Müller Maschinenbau ${tag} GmbH`,
    phone: "+43 1 5123456",
    billingAddress: { street: "Ringstraße 2", postalCode: "1010", city: "Wien", country: "AT" },
  });
  await api.send("PATCH", "/me", { locale: "de" });
  try {
    await page.goto("/contacts");
    await page.getByRole("button", { name: "Neuer Kontakt" }).first().click();
    const dialog = page.getByRole("dialog", { name: "Neuer Kontakt" });
    await dialog.getByRole("textbox", { name: "Anrede" }).fill("Frau");
    await dialog.getByRole("textbox", { name: "Akademischer Titel" }).fill("Dr.");
    await dialog.getByRole("textbox", { name: "Vorname" }).fill("Anna");
    await dialog.getByRole("textbox", { name: "Nachname" }).fill(`Müller ${tag}`);
    await dialog.getByRole("textbox", { name: "Telefon" }).fill("+49 30 1234567");
    await dialog.getByRole("button", { name: "Kontakt anlegen" }).click();
    await expect(page).toHaveURL(/\/contacts\/[0-9a-f-]{36}$/, { timeout: 20_000 });
    const person = page.getByRole("region", { name: "Person" });
    await expect(person.getByText(`Sehr geehrte Frau Dr. Müller ${tag}`)).toBeVisible();
    await expect(person.getByText("Sie (förmlich)")).toBeVisible();
    // A German number in national format for a team in Germany.
    const channels = page.getByRole("region", { name: "E-Mails, Telefon, Adressen" });
    await expect(channels.getByRole("link", { name: "030 1234567" })).toHaveAttribute(
      "href",
      "tel:+49301234567",
    );
    await closeNotifications(page);
    await screenshot(page, "contact-letter-salutation-de", true);

    // The company: its address as a DIN 5008 block with the country line for abroad, the Austrian
    // phone international, and a German VAT id with a wrong check digit refused beside the field.
    await page.goto(`/companies/${company.id}`);
    await expect(page.getByTestId("address-block")).toHaveText(
      `Müller Maschinenbau ${tag} GmbH Ringstraße 2 1010 Wien ÖSTERREICH`,
      { timeout: 20_000 },
    );
    await expect(page.getByRole("link", { name: "+43 1 5123456" }).first()).toBeVisible();
    await expect(page.getByRole("button", { name: "Anschrift kopieren" })).toBeVisible();
    await screenshot(page, "company-address-block-de", true);
    await page.getByRole("button", { name: "Stammdaten bearbeiten" }).click();
    const vat = page.getByRole("textbox", { name: "USt-IdNr." });
    await vat.fill("DE136695978");
    await page.getByRole("button", { name: "Speichern" }).click();
    await expect(page.getByText("Die Prüfziffer dieser deutschen USt-IdNr. stimmt nicht")).toBeVisible();
    await expect(vat).toHaveValue("DE136695978");
    await expect(vat).toHaveAttribute("aria-invalid", "true");
    await screenshot(page, "company-vat-refused-de", true);
  } finally {
    await api.send("PATCH", "/me", { locale: "en" });
  }

  // The same screens in English.
  await page.goto(`/companies/${company.id}`);
  await expect(page.getByTestId("address-block")).toContainText("AUSTRIA", { timeout: 20_000 });
  await screenshot(page, "company-address-block-en", true);
});
