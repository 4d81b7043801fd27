import { expect, screenshot, test, unique } from "./fixtures";

const TEXTS = {
  de: {
    field: "Suche in Interessenten, Kontakten, Firmen, Deals und Benutzern",
    leads: "Interessenten",
    contacts: "Kontakte",
  },
  en: { field: "Search leads, contacts, companies, deals and users", leads: "Leads", contacts: "Contacts" },
} as const;

for (const language of ["de", "en"] as const) {
  test(`Ctrl+K finds a lead by a folded spelling, arrow and Enter open it (${language})`, async ({
    page,
    api,
  }) => {
    const text = TEXTS[language];
    const tag = unique();
    await api.send("PATCH", "/me", { locale: language });
    await api.send("POST", "/contacts", {
      firstName: "Jörg",
      lastName: `Bäßler ${tag}`,
      jobTitle: "Einkauf",
      email: `j.baessler.${tag}@example.org`,
    });
    // The newer of two equally good hits comes first: the lead.
    const lead = await api.createLead({
      firstName: "Jörg",
      lastName: `Bäßler ${tag}`,
      companyName: "Straßenbau Kühn GmbH",
      email: `joerg.${tag}@kuehn-bau.de`,
    });
    await page.goto("/leads");
    await expect(page.getByRole("textbox", { name: text.field })).toBeVisible();
    await screenshot(page, `global-search-header-${language}`);

    await page.keyboard.press("Control+k");
    const palette = page.getByRole("dialog");
    const input = palette.getByRole("textbox", { name: text.field });
    await expect(input).toBeFocused();
    await input.fill(`joerg baessler ${tag}`);
    // Each hit names its type (the group heading is drawn by CSS) and its context line.
    const leadHit = palette.getByRole("button", { name: `Jörg Bäßler ${tag} (${text.leads})` });
    await expect(leadHit).toContainText(`Straßenbau Kühn GmbH · joerg.${tag}@kuehn-bau.de`);
    await expect(
      palette.getByRole("button", { name: `Jörg Bäßler ${tag} (${text.contacts})` }),
    ).toContainText("Einkauf");
    await screenshot(page, `global-search-${language}`);

    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/leads/${lead.id}$`));
    await expect(palette).toBeHidden();

    // `/` opens it too, Esc closes it.
    await page.locator("body").press("/");
    await expect(page.getByRole("dialog").getByRole("textbox", { name: text.field })).toBeFocused();
    await page.keyboard.press("Escape");
    await expect(page.getByRole("dialog")).toBeHidden();
    await api.send("PATCH", "/me", { locale: "en" });
  });
}
