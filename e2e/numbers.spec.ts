import { readFileSync } from "node:fs";
import { expect as baseExpect, closeNotifications, screenshot, test, unique } from "./fixtures";

// The machine running the suite is often busy; a page may take longer than the default 5 s to settle.
const expect = baseExpect.configure({ timeout: 15_000 });

type Catalogue = { [key: string]: string | Catalogue };

/** The UI's own texts, so the test follows the catalogues rather than copies of them. */
function texts(language: "de" | "en") {
  const catalogue = JSON.parse(readFileSync(`src/web/i18n/${language}.json`, "utf8")) as Catalogue;
  return (path: string, values: Record<string, string> = {}): string => {
    let node: string | Catalogue = catalogue;
    for (const key of path.split(".")) {
      if (typeof node === "string" || node[key] === undefined) throw new Error(`No text ${path}`);
      node = node[key];
    }
    if (typeof node !== "string") throw new Error(`${path} is not a text`);
    return node.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? "");
  };
}

interface Lead {
  estimatedValue: { amount: string } | null;
  bant: { budget: { amount?: string | null } };
}

// Issue #15: "12.500" in German and "12,500" in English are twelve and a half thousand, not 12,50.
const CASES = [
  {
    language: "de",
    value: "12.500",
    echo: "= 12.500,00 €",
    budget: "1.234.567,89",
    wrong: "12.5",
    example: "12.500,50",
  },
  {
    language: "en",
    value: "12,500",
    echo: "= €12,500.00",
    budget: "1,234,567.89",
    wrong: "12,5",
    example: "12,500.50",
  },
] as const;

for (const c of CASES) {
  test(`numbers as a ${c.language} user types them: lead value, BANT budget and deal amount`, async ({
    page,
    api,
  }) => {
    test.setTimeout(120_000);
    const t = texts(c.language);
    const tag = unique();
    await api.send("PATCH", "/me", { locale: c.language });
    try {
      // The lead form: the value is read the locale's way and echoed before saving.
      await page.goto("/leads");
      await page
        .getByRole("button", { name: t("leads.new") })
        .first()
        .click();
      const dialog = page.getByRole("dialog", { name: t("leads.create.title") });
      await dialog
        .getByRole("textbox", { name: t("leads.fields.lastName"), exact: true })
        .fill(`Zahl ${tag}`);
      const value = dialog.getByRole("textbox", { name: t("leads.fields.estimatedValue"), exact: true });
      await value.fill(c.value);
      await expect(dialog.getByText(c.echo)).toBeVisible();
      await dialog.getByText(c.echo).scrollIntoViewIfNeeded();
      await screenshot(page, `numbers-lead-create-${c.language}`);
      await dialog.getByRole("button", { name: t("leads.create.submit") }).click();
      await expect(page).toHaveURL(/\/leads\/[0-9a-f-]{36}$/);
      const leadId = page.url().split("/").at(-1) ?? "";
      const created = await api.send<Lead>("GET", `/leads/${leadId}`);
      expect(created.estimatedValue).toEqual({ amount: "12500.00", currency: "EUR" });

      // BANT budget: what cannot be read is refused beside the field and kept as typed.
      const budget = page.getByRole("textbox", { name: t("bant.budgetAmount"), exact: true });
      await budget.fill(c.wrong);
      await budget.press("Tab");
      const unreadable = t("validation.number.unreadable", { example: c.example });
      await expect(page.getByText(unreadable)).toBeVisible();
      await page.getByRole("button", { name: t("bant.save") }).click();
      await expect(page.getByText(unreadable)).toBeVisible();
      await expect(budget).toHaveValue(c.wrong);
      await budget.scrollIntoViewIfNeeded();
      await screenshot(page, `numbers-bant-unreadable-${c.language}`);
      expect((await api.send<Lead>("GET", `/leads/${leadId}`)).bant.budget.amount ?? null).toBeNull();

      await budget.fill("-5");
      await budget.press("Tab");
      await expect(page.getByText(t("validation.number.negative"))).toBeVisible();

      await budget.fill(c.budget);
      await expect(page.getByText(t("validation.number.unreadable", { example: c.example }))).toHaveCount(0);
      await page.getByRole("button", { name: t("bant.save") }).click();
      await expect(page.getByText(t("bant.saved"))).toBeVisible();
      expect((await api.send<Lead>("GET", `/leads/${leadId}`)).bant.budget.amount).toBe("1234567.89");
      await closeNotifications(page);

      // The deal amount.
      const deal = await api.send<{ id: string }>("POST", "/deals", { title: `Zahlendeal ${tag}` });
      await page.goto(`/deals/${deal.id}`);
      const details = page.getByRole("region", { name: t("deal.detail.details") });
      await details.getByRole("button", { name: t("common.edit") }).click();
      const amount = details.getByRole("textbox", { name: t("deal.fields.amount"), exact: true });
      await amount.fill(c.value);
      await expect(details.getByText(c.echo)).toBeVisible();
      await screenshot(page, `numbers-deal-amount-${c.language}`);
      await details.getByRole("button", { name: t("common.save") }).click();
      await expect(page.getByText(t("deal.detail.saved"))).toBeVisible();
      const saved = await api.send<{ amount: { amount: string } | null }>("GET", `/deals/${deal.id}`);
      expect(saved.amount).toEqual({ amount: "12500.00", currency: "EUR" });
    } finally {
      await api.send("PATCH", "/me", { locale: "en" });
    }
  });
}
