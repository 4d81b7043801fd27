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

test("the learned win probability: too little history at first, then a lead page and the admin report", async ({
  page,
  api,
}) => {
  test.setTimeout(90_000);
  // On the test database the real training finds too little history, and says so.
  await page.goto("/settings/win-model");
  await expect(page.getByRole("heading", { name: "Win probability" })).toBeVisible({ timeout: 15_000 });
  await page.getByRole("button", { name: "Train now" }).click();
  await expect(page.getByText("Too little history")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/At least 200 are needed, with at least 40 won/)).toBeVisible();
  await screenshot(page, "win-model-too-little-history");

  // A published model needs hundreds of finished leads (trained and checked in win-model.test.ts);
  // here the server's answers are those of such a model, to show how the pages put them.
  const lead = await api.createLead({ lastName: `Winner ${unique()}`, source: "referral" });
  const trainedAt = "2026-12-07T02:00:00.000Z";
  await page.route(`**/api/v1/leads/${lead.id}`, async (route) => {
    if (route.request().method() !== "GET") return route.fallback();
    const real = await (await route.fetch()).json();
    await route.fulfill({
      json: {
        ...real,
        winProbability: {
          probability: 0.34,
          trainedAt,
          raising: [
            { feature: "source:referral", effect: 0.81, value: 1 },
            { feature: "activities", effect: 0.22, value: 4 },
          ],
          lowering: [
            { feature: "bant:budget", effect: -0.64, value: 0 },
            { feature: "response_hours", effect: -0.18, value: 30 },
          ],
        },
      },
    });
  });
  const calibration = Array.from({ length: 10 }, (_, i) => ({
    decile: i + 1,
    count: 31,
    predicted: 0.05 + i * 0.08,
    observed: 0.04 + i * 0.085,
  }));
  await page.route("**/api/v1/lead-win-model", (route) =>
    route.fulfill({
      json: {
        state: "published",
        trainedAt,
        examples: 1240,
        won: 410,
        trainCount: 930,
        holdoutCount: 310,
        auc: 0.81,
        calibration,
        coefficients: [{ feature: "source:referral", coefficient: 0.8 }],
        fields: ["email", "phone", "companyName", "jobTitle"],
        minExamples: 200,
        minPerOutcome: 40,
        minAuc: 0.55,
        training: {
          state: "done",
          queuedAt: trainedAt,
          finishedAt: trainedAt,
          nextRunAt: "2026-12-08T02:00:00.000Z",
        },
      },
    }),
  );

  for (const language of ["en", "de"] as const) {
    if (language === "de") await api.send("PATCH", "/me", { locale: "de" });
    await page.goto(`/leads/${lead.id}`);
    const card = page.getByRole("region", {
      name: language === "de" ? "Abschlusswahrscheinlichkeit" : "Win probability",
    });
    await expect(card).toBeVisible({ timeout: 15_000 });
    if (language === "de") {
      await expect(card.getByLabel("Abschlusswahrscheinlichkeit 34 %")).toBeVisible();
      await expect(card).toContainText("Quelle: Empfehlung");
      await expect(card).toContainText("Budget nicht bestätigt");
      await expect(card).toContainText("Erste Aktivität nach 30 Stunden");
    } else {
      await expect(card.getByLabel("Win probability 34%")).toBeVisible();
      await expect(card).toContainText("Source: Referral");
      await expect(card).toContainText("4 activities");
      await expect(card).toContainText("Budget not confirmed");
    }
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, `win-model-lead-${language}`);

    await page.goto("/settings/win-model");
    await expect(
      page.getByRole("heading", { name: language === "de" ? "Kalibrierung" : "Calibration" }),
    ).toBeVisible({
      timeout: 15_000,
    });
    await expect(page.getByText(language === "de" ? "0,81" : "0.81", { exact: true })).toBeVisible();
    await screenshot(page, `win-model-report-${language}`, true);
  }
  await api.send("PATCH", "/me", { locale: "en" });
});
