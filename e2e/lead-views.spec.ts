import { expect, pick, test, unique } from "./fixtures";

test("filters from the drawer, saved as a view with its columns, come back in one click", async ({
  page,
  api,
}) => {
  const company = `Ansicht ${unique()} GmbH`;
  await api.createLead({ lastName: "Offen", companyName: company, source: "webinar" });
  const closed = await api.createLead({ lastName: "Zu", companyName: company, source: "webinar" });
  await api.send("PATCH", `/leads/${closed.id}`, {
    status: "dead",
    deadReason: "Kein Bedarf",
    version: closed.version,
  });

  await page.goto(`/leads?q=${encodeURIComponent(company)}`);
  await expect(page.getByRole("row")).toHaveCount(3);
  await page.getByRole("button", { name: "Filters" }).click();
  const drawer = page.getByRole("dialog", { name: "Filter leads" });
  // Two statuses in quick succession must both stick.
  await drawer.getByRole("combobox", { name: "Status" }).click();
  await page.getByRole("option", { name: "New", exact: true }).click();
  await page.getByRole("option", { name: "Assigned", exact: true }).click();
  await drawer.getByRole("textbox", { name: "Score from" }).fill("0");
  await drawer.getByRole("button", { name: "Done" }).click();
  await expect(page).toHaveURL(/status=new,assigned/);
  await expect(page.getByText("Status: New, Assigned")).toBeVisible();
  await expect(page.getByRole("row")).toHaveCount(2);

  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("checkbox", { name: "Source" }).check();
  await page.keyboard.press("Escape");
  await expect(page.getByRole("columnheader", { name: "Source" })).toBeVisible();

  const viewName = `Offene ${unique()}`;
  await page.getByRole("button", { name: "Views" }).click();
  await page.getByRole("button", { name: "Save current view…" }).click();
  const dialog = page.getByRole("dialog", { name: "Save view" });
  await dialog.getByRole("textbox", { name: "Name of the view" }).fill(viewName);
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`View “${viewName}” saved.`)).toBeVisible();

  await page.goto("/leads");
  await page.getByRole("button", { name: "Columns" }).click();
  await page.getByRole("checkbox", { name: "Source" }).uncheck();
  await page.keyboard.press("Escape");
  await page.getByRole("button", { name: "Views" }).click();
  await page.getByRole("button", { name: viewName, exact: true }).click();
  await expect(page).toHaveURL(/status=new,assigned/);
  await expect(page.getByRole("row")).toHaveCount(2);
  await expect(page.getByRole("columnheader", { name: "Source" })).toBeVisible();

  const renamed = `${viewName} (neu)`;
  await page.getByRole("button", { name: "Views" }).click();
  await page.getByRole("button", { name: `Rename or update view ${viewName}` }).click();
  const edit = page.getByRole("dialog", { name: "Edit view" });
  await edit.getByRole("textbox", { name: "Name of the view" }).fill(renamed);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(page.getByText(`View “${renamed}” saved.`)).toBeVisible();

  await page.getByRole("button", { name: "Views" }).click();
  await page.getByRole("button", { name: `Delete view ${renamed}` }).click();
  await expect(page.getByText(`View “${renamed}” deleted.`)).toBeVisible();
});

test("an edit on a stale lead says so and keeps the input until a reload", async ({ page, api }) => {
  const lead = await api.createLead({ firstName: "Stefan", lastName: `Veraltet ${unique()}` });
  await page.goto(`/leads/${lead.id}`);
  await page.getByRole("button", { name: "Edit Contact details" }).click();
  await page.getByRole("textbox", { name: "Job title" }).fill("Einkaufsleiter");

  // Someone else saves meanwhile.
  await api.send("PATCH", `/leads/${lead.id}`, { department: "Einkauf", version: lead.version });
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "This lead was changed meanwhile" })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Job title" })).toHaveValue("Einkaufsleiter");

  await page.getByRole("button", { name: "Reload" }).click();
  await expect(page.getByText("This lead was changed meanwhile")).toBeHidden();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Changes saved.")).toBeVisible();
  const details = page.getByRole("region", { name: "Contact details" });
  await expect(details).toContainText("Einkaufsleiter");
  await expect(details).toContainText("Einkauf");
});

test("moving the lifecycle stage back asks why and records it", async ({ page, api }) => {
  const lead = await api.createLead({
    lastName: `Zurück ${unique()}`,
    companyName: "Rückfall AG",
    lifecycleStage: "sal",
  });
  await page.goto(`/leads/${lead.id}`);
  await page.getByRole("button", { name: /Marketing qualified/ }).click();
  const dialog = page.getByRole("dialog", { name: "Move back to MQL" });
  await dialog
    .getByRole("textbox", { name: "Why does it go back?" })
    .fill("Noch kein Projekt in diesem Jahr");
  await dialog.getByRole("button", { name: "Move back" }).click();
  await expect(page.getByText("Lifecycle stage is now MQL.")).toBeVisible();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByText("Lifecycle stage: SAL → MQL")).toBeVisible();
  await expect(timeline.getByText("Reason: Noch kein Projekt in diesem Jahr")).toBeVisible();
});

test("a sales user sees the owner picker with their own name", async ({ page, api }) => {
  const tag = unique();
  const seller = { email: `sven-${tag}@example.com`, password: "seller-start-pass-1" };
  await api.send("POST", "/users", {
    ...seller,
    name: `Sven ${tag}`,
    role: "sales",
    teamId: null,
    locale: "en",
  });
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByRole("textbox", { name: "Email" }).fill(seller.email);
  await page.getByRole("textbox", { name: "Password" }).fill(seller.password);
  await page.getByRole("button", { name: "Log in" }).click();
  // The dashboard is the start page; the leads are one click away.
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
  await page.getByRole("navigation").getByRole("link", { name: "Leads" }).click();
  await expect(page.getByRole("heading", { name: "Leads", level: 1 })).toBeVisible();

  // With no leads of their own yet, the empty state offers the same button.
  await page.getByRole("button", { name: "New lead" }).first().click();
  const dialog = page.getByRole("dialog", { name: "New lead" });
  await dialog.getByRole("textbox", { name: "Last name", exact: true }).fill(`Eigen ${tag}`);
  await pick(page, dialog, "Owner", `Sven ${tag}`);
  await dialog.getByRole("button", { name: "Create lead" }).click();
  await expect(page.getByRole("heading", { name: `Eigen ${tag}`, level: 1 })).toBeVisible();
  await expect(page.getByRole("main").getByText("Assigned", { exact: true })).toBeVisible();
});
