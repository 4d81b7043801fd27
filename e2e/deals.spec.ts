import { expect as baseExpect, closeNotifications, pick, screenshot, test, unique } from "./fixtures";

// The machine running the suite is often busy; a page may take longer than the default 5 s to settle.
const expect = baseExpect.configure({ timeout: 15_000 });

test("an admin shapes a pipeline, creates a deal, finds it in the list, overrides its probability, loses and reopens it", async ({
  page,
  api,
}) => {
  // One long story on a shared, often busy machine.
  test.setTimeout(240_000);
  const tag = unique();
  const pipelineName = `Projektgeschäft ${tag}`;
  const companyName = `Hafenkran Nord ${tag}`;
  const dealTitle = `Kranmodernisierung ${tag}`;
  const company = await api.send<{ id: string }>("POST", "/companies", { name: companyName });
  await api.send("POST", "/contacts", { firstName: "Greta", lastName: `Lindqvist ${tag}` });

  // Settings → Pipelines: a new pipeline from the default's stages, one stage renamed, one added.
  await page.goto("/settings/pipelines");
  await expect(page.getByRole("heading", { name: "Pipelines", level: 2 })).toBeVisible();
  await page.getByRole("button", { name: "New pipeline" }).click();
  const createDialog = page.getByRole("dialog", { name: "New pipeline" });
  await createDialog.getByRole("textbox", { name: "Name" }).fill(pipelineName);
  await createDialog.getByRole("button", { name: "Create pipeline" }).click();
  const editor = page.getByRole("region", { name: pipelineName });
  await expect(editor).toBeVisible();
  const firstStage = editor.getByRole("textbox", { name: "Name of stage 1" });
  await firstStage.fill("Erstkontakt");
  await editor.getByRole("button", { name: "Add stage" }).click();
  const stageCount = await editor.getByRole("textbox", { name: /^Name of stage \d+$/ }).count();
  await editor.getByRole("textbox", { name: `Name of stage ${stageCount}` }).fill("Vertragsprüfung");
  await editor.getByRole("textbox", { name: "Probability of Vertragsprüfung" }).fill("90");
  await editor.getByRole("textbox", { name: "Rotting days of Vertragsprüfung" }).fill("14");
  // By keyboard: the new stage one place up, before the last of the copied stages.
  await editor.getByRole("button", { name: "Move Vertragsprüfung", exact: true }).focus();
  // Each key waits for the effect of the one before (the handle pressed, the announced position), as
  // a screen-reader user would: keys pressed back to back can arrive before the drag has started.
  const handle = editor.getByRole("button", { name: "Move Vertragsprüfung", exact: true });
  await page.keyboard.press("Space");
  await expect(handle).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowUp");
  await expect(page.getByText(`Vertragsprüfung is over position ${stageCount - 1}.`)).toBeAttached();
  await page.keyboard.press("Space");
  await expect(page.getByText(`Vertragsprüfung dropped at position ${stageCount - 1}.`)).toBeAttached();
  await expect(editor.getByRole("textbox", { name: `Name of stage ${stageCount - 1}` })).toHaveValue(
    "Vertragsprüfung",
  );
  await editor.getByRole("button", { name: "Save pipeline" }).click();
  await expect(page.getByText("Pipeline saved.")).toBeVisible();
  const saved = await api.send<{
    data: { id: string; name: string; stages: { id: string; name: string; probability: number }[] }[];
  }>("GET", "/pipelines");
  const pipeline = saved.data.find((p) => p.name === pipelineName);
  const stages = pipeline?.stages ?? [];
  expect(stages[0]?.name).toBe("Erstkontakt");
  expect(stages.at(-2)).toMatchObject({ name: "Vertragsprüfung", probability: 90 });
  await closeNotifications(page);
  await screenshot(page, "pipeline-settings", true);

  // A few deals in other stages, so the list has something to compare with.
  const others = [
    { title: `Portalkran Wartung ${tag}`, stage: 1, amount: "12900.00", close: "2026-12-15" },
    { title: `Containerbrücke Retrofit ${tag}`, stage: 3, amount: "215000.00", close: "2027-02-28" },
    { title: `Ersatzteilpaket ${tag}`, stage: 4, amount: "7450.50", close: "2026-12-01" },
  ];
  for (const other of others) {
    await api.send("POST", "/deals", {
      title: other.title,
      pipelineId: pipeline?.id,
      stageId: stages[other.stage]?.id,
      amount: { amount: other.amount, currency: "EUR" },
      expectedCloseDate: other.close,
      companyId: company.id,
    });
  }

  // The deal list, and a deal created through the modal in that pipeline.
  await page.goto("/deals/list");
  await expect(page.getByRole("heading", { name: "Deals", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "New deal" }).first().click();
  const dealDialog = page.getByRole("dialog", { name: "New deal" });
  await dealDialog.getByRole("textbox", { name: "Title" }).fill(dealTitle);
  await pick(page, dealDialog, "Pipeline", pipelineName);
  await expect(dealDialog.getByRole("combobox", { name: "Stage", exact: true })).toHaveValue(/Erstkontakt/);
  await dealDialog.getByRole("textbox", { name: "Amount" }).fill("48500");
  await dealDialog.getByRole("combobox", { name: "Company" }).fill(`nord ${tag}`);
  await page.getByRole("option", { name: companyName }).click();
  await dealDialog.getByRole("combobox", { name: "Contacts" }).fill(`lindqvist ${tag}`);
  await page.getByRole("option", { name: `Greta Lindqvist ${tag}` }).click();
  await expect(
    dealDialog.getByRole("radio", { name: `Make Greta Lindqvist ${tag} the primary contact` }),
  ).toBeChecked();
  await dealDialog.getByRole("button", { name: "Create deal" }).click();
  await expect(dealDialog).toBeHidden();

  // It shows in the list, also when the list is narrowed to its pipeline and searched.
  await pick(page, page, "Pipeline", pipelineName);
  const table = page.getByRole("table");
  await expect(table.getByRole("row")).toHaveCount(5);
  await page.getByRole("searchbox", { name: "Search deals" }).fill(`kranmodernisierung ${tag}`);
  await expect(table.getByRole("row")).toHaveCount(2);
  const row = table.getByRole("row").filter({ hasText: dealTitle });
  await expect(row).toBeVisible();
  await expect(row).toContainText(companyName);
  await expect(row).toContainText("Erstkontakt");
  await expect(row).toContainText("€48,500");
  // Sorted by amount, largest first, all of the pipeline's open deals.
  await page.getByRole("searchbox", { name: "Search deals" }).fill(tag);
  await expect(table.getByRole("row")).toHaveCount(5);
  await table.getByRole("button", { name: "Amount" }).click();
  await expect(page).toHaveURL(/sort=-amount/);
  await expect(table.getByRole("row").nth(1)).toContainText(`Containerbrücke Retrofit ${tag}`);
  await closeNotifications(page);
  await screenshot(page, "deal-list");

  // The deal page: the probability comes from the stage until it is overridden, and can go back.
  await table.getByRole("link", { name: dealTitle }).click();
  await expect(page).toHaveURL(/\/deals\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: dealTitle, level: 1 })).toBeVisible();
  const details = page.getByRole("region", { name: "Details" });
  await expect(details).toContainText("(the stage's default)");
  await details.getByRole("button", { name: "Edit" }).click();
  await details.getByRole("textbox", { name: "Probability" }).fill("35");
  await details.getByRole("button", { name: "Save" }).click();
  await expect(details).toContainText("35 % (set by hand");
  await expect(page.getByRole("link", { name: companyName })).toBeVisible();
  await expect(page.getByRole("link", { name: `Greta Lindqvist ${tag}` })).toBeVisible();

  // Lost with a reason from the list, then reopened (the admin may).
  await page.getByRole("button", { name: "Lost", exact: true }).click();
  const lostDialog = page.getByRole("dialog");
  await lostDialog.getByRole("combobox").first().click();
  const reason = (await page.getByRole("option").first().textContent()) ?? "";
  await page.getByRole("option").first().click();
  await lostDialog.getByRole("button", { name: /lost/i }).click();
  await expect(page.getByText(`Lost on`)).toContainText(reason);
  await page.getByRole("button", { name: "Reopen" }).click();
  await expect(page.getByRole("button", { name: "Won", exact: true })).toBeVisible();
  await expect(page.getByRole("region", { name: "Stage history" })).toContainText("Erstkontakt");
  await closeNotifications(page);
  await screenshot(page, "deal-detail", true);

  // Removing a stage that holds a deal asks where the deal goes, and moves it there on save.
  const dealUrl = page.url();
  const [, analysis, proposal] = stages;
  await page.goto("/settings/pipelines");
  await page.getByRole("button", { name: new RegExp(pipelineName) }).click();
  await editor.getByRole("button", { name: `Remove ${analysis?.name}` }).click();
  const removal = page.getByRole("dialog", { name: "Remove stage" });
  await pick(page, removal, "Move its deals to", proposal?.name ?? "");
  await removal.getByRole("button", { name: "Remove stage" }).click();
  await expect(editor.getByRole("textbox", { name: /^Name of stage \d+$/ })).toHaveCount(stages.length - 1);
  await editor.getByRole("button", { name: "Save pipeline" }).click();
  await expect(page.getByText("Pipeline saved.")).toBeVisible();
  const moved = await api.send<{ data: { title: string; stageId: string }[] }>(
    "GET",
    `/deals?q=${encodeURIComponent(`Portalkran Wartung ${tag}`)}`,
  );
  expect(moved.data[0]?.stageId).toBe(proposal?.id);
  await page.goto(dealUrl);

  // The same page in German and in the dark theme.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.getByRole("radiogroup", { name: "Language" }).getByText("DE", { exact: true }).click();
  await expect(page.getByRole("region", { name: "Phasenverlauf" })).toBeVisible();
  await screenshot(page, "deal-detail-de-dark", true);
});
