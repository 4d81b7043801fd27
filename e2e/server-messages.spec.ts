import { expect as baseExpect, screenshot, test, unique } from "./fixtures";

// The machine running the suite is often busy; a page may take longer than the default 5 s to settle.
const expect = baseExpect.configure({ timeout: 15_000 });

interface Pipeline {
  id: string;
  name: string;
  isDefault: boolean;
  stages: { name: string; probability: number; rottingDays: number | null }[];
}

test("a German user reads the server's refusal in German, with its values", async ({ page, api }) => {
  const tag = unique();
  const { data } = await api.send<{ data: Pipeline[] }>("GET", "/pipelines");
  const template = data.find((p) => p.isDefault) ?? data[0];
  const pipeline = await api.send<Pipeline>("POST", "/pipelines", {
    name: `Messegeschäft ${tag}`,
    stages: (template?.stages ?? []).map(({ name, probability, rottingDays }) => ({
      name,
      probability,
      rottingDays,
    })),
  });
  await api.send("POST", "/deals", { title: `Messestand ${tag}`, pipelineId: pipeline.id });
  await api.send("PATCH", "/me", { locale: "de" });

  try {
    await page.goto("/settings/pipelines");
    await expect(page.getByRole("heading", { name: "Pipelines", level: 2 })).toBeVisible();
    await page.getByRole("button", { name: new RegExp(pipeline.name) }).click();
    const editor = page.getByRole("region", { name: pipeline.name });
    await editor.getByRole("button", { name: "Löschen" }).click();
    await page
      .getByRole("dialog", { name: `Pipeline ${pipeline.name} löschen?` })
      .getByRole("button", { name: "Löschen" })
      .click();

    // 422 with a count: the German sentence in its singular form and a German title, not the English detail.
    const notification = page.locator(".mantine-Notification-root");
    await expect(notification).toContainText("Nicht möglich");
    await expect(notification).toContainText(
      "Diese Pipeline enthält noch 1 Deal; verschieben oder löschen Sie ihn zuerst",
    );
    await expect(notification).not.toContainText("This pipeline still holds");
    await screenshot(page, "server-message-de");
  } finally {
    await api.send("PATCH", "/me", { locale: "en" });
  }
});
