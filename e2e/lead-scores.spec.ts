import { closeNotifications, expect, screenshot, test, unique } from "./fixtures";

test("changed score rules rescore existing leads, and the settings say when that is done", async ({
  page,
  api,
}) => {
  // Three pages in two languages plus a background job: more than the default 30 s on a busy machine.
  test.setTimeout(60_000);
  const original = await api.send<{ leadScoreRules: Record<string, unknown>[] }>("GET", "/settings");
  const lead = await api.createLead({ lastName: `Rescore ${unique()}`, source: "referral" });
  await page.goto("/settings/leads");
  // The settings load slowly on a busy machine; everything after this is quick.
  await expect(page.getByRole("heading", { name: "Score rules" })).toBeVisible({ timeout: 15_000 });

  // The first default rule: source "Referral".
  await expect(page.getByRole("combobox", { name: "Rule 1", exact: true })).toHaveValue("Source is");
  await expect(page.getByRole("combobox", { name: "Applies to 1", exact: true })).toHaveValue("Referral");
  const points = page.getByRole("textbox", { name: "Points 1", exact: true });
  const before = Number(await points.inputValue());
  await points.fill(String(before + 20));
  await page.getByRole("button", { name: "Save lead settings" }).click();
  await expect(page.getByText("Lead settings saved.")).toBeVisible();
  await expect(
    page.getByRole("status").getByText(/Every lead's score follows the current rules/),
  ).toBeVisible({
    timeout: 15_000,
  });
  await closeNotifications(page);
  await page.getByRole("heading", { name: "Score rules" }).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -80));
  await screenshot(page, "settings-score-recalculated");

  // The lead was not touched, yet its score and reason follow the new rule.
  await page.goto(`/leads/${lead.id}`);
  await expect(page.getByRole("row", { name: `+${before + 20} Source: Referral` })).toBeVisible();

  await page.getByRole("radiogroup", { name: "Language" }).getByText("DE", { exact: true }).click();
  await page.goto("/settings/leads");
  await expect(
    page.getByRole("status").getByText(/Die Scores aller Interessenten folgen den aktuellen Regeln/),
  ).toBeVisible({ timeout: 15_000 });
  await page.getByRole("heading", { name: "Score-Regeln" }).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -80));
  await screenshot(page, "settings-score-recalculated-de");

  // Back to the rules as they were, for the other specs on this database.
  await api.send("PATCH", "/settings", { leadScoreRules: original.leadScoreRules });
  await api.send("PATCH", "/me", { locale: "en" });
});

test("while scores are recalculated the lead settings show how far it got", async ({ page, api: _api }) => {
  // A recalculation of a few test leads ends before a screenshot could catch it; this answers the
  // status the way the server does at 45 % of a big one (its progress itself is tested in the API tests).
  await page.route("**/api/v1/settings/score-recalculation", (route) =>
    route.fulfill({
      json: {
        state: "running",
        done: 450_000,
        total: 1_000_000,
        queuedAt: new Date().toISOString(),
        finishedAt: null,
      },
    }),
  );
  await page.goto("/settings/leads");
  await expect(page.getByRole("heading", { name: "Score rules" })).toBeVisible({ timeout: 15_000 });
  const status = page.getByRole("status").filter({ hasText: "Scores are being recalculated: 45%" });
  await expect(status).toBeVisible();
  await expect(
    status.getByRole("progressbar", { name: "Progress of the score recalculation" }),
  ).toBeVisible();
  await expect(status).toContainText("450,000 of 1,000,000 leads");
  await page.getByRole("heading", { name: "Score rules" }).scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollBy(0, -80));
  await screenshot(page, "settings-score-recalculating");
});
