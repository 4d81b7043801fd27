import { readFile } from "node:fs/promises";
import { expect as baseExpect, closeNotifications, pick, screenshot, test, unique } from "./fixtures";

// The machine running the suite is shared and slow at times: allow for that rather than flake.
const expect = baseExpect.configure({ timeout: 15_000 });
test.describe.configure({ timeout: 120_000 });

test("a call logged on a lead shows in its timeline, Markdown rendered and raw HTML dropped", async ({
  page,
  api,
}) => {
  const tag = unique();
  const lead = await api.createLead({
    firstName: "Greta",
    lastName: `Zeitlinie ${tag}`,
    companyName: "Zeitlinie GmbH",
  });
  await api.send("PATCH", `/leads/${lead.id}`, { city: "Hamburg", version: lead.version });
  await page.goto(`/leads/${lead.id}`);

  const timeline = page.getByRole("region", { name: "Timeline" });
  await timeline
    .getByRole("toolbar", { name: "Add activity" })
    .getByRole("button", { name: "Log call" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Log call" });
  await expect(dialog.getByRole("textbox", { name: "Subject" })).toHaveValue(
    `Call with Greta Zeitlinie ${tag}`,
  );
  await dialog
    .getByRole("textbox", { name: "Notes" })
    .fill(
      "**Budget** confirmed for 40 trucks.\n\n- decision in March\n- <b>raw</b> <img src=x onerror=alert(1)>",
    );
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  const call = timeline.getByText(`Call: Call with Greta Zeitlinie ${tag}`);
  await expect(call).toBeVisible();
  await expect(timeline.locator("strong", { hasText: "Budget" })).toBeVisible();
  await expect(timeline.getByText("decision in March")).toBeVisible();
  await expect(timeline.locator("img")).toHaveCount(0);
  await expect(timeline.getByText("Changed City")).toBeVisible();
  await expect(timeline.getByText("City: empty → Hamburg")).toBeVisible();

  // Filter by type: only calls, then only history.
  await pick(page, timeline, "Show", "Calls");
  await expect(call).toBeVisible();
  await expect(timeline.getByText("Changed City")).toBeHidden();
  await pick(page, timeline, "Show", "History");
  await expect(timeline.getByText("Changed City")).toBeVisible();
  await expect(call).toBeHidden();
  await pick(page, timeline, "Show", "Everything");
  await expect(call).toBeVisible();

  await closeNotifications(page);
  await timeline.screenshot({ path: "test-results/screenshots/timeline.png" });
});

test("a meeting scheduled from a deal lands in its timeline, the calendar and an .ics download", async ({
  page,
  api,
}) => {
  const tag = unique();
  const pipelines = await api.send<{ data: { id: string; stages: { id: string }[] }[] }>("GET", "/pipelines");
  const pipeline = pipelines.data[0];
  const deal = await api.send<{ id: string }>("POST", "/deals", {
    title: `Leitstand ${tag}`,
    pipelineId: pipeline?.id,
    stageId: pipeline?.stages[0]?.id,
  });
  await page.goto(`/deals/${deal.id}`);

  const timeline = page.getByRole("region", { name: "Timeline" });
  await timeline
    .getByRole("toolbar", { name: "Add activity" })
    .getByRole("button", { name: "Schedule meeting" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Schedule meeting" });
  await expect(dialog.getByRole("textbox", { name: "Subject" })).toHaveValue(`Meeting with Leitstand ${tag}`);
  // Today at 23:30 in the browser's time zone.
  await dialog.getByRole("button", { name: "Starts" }).click();
  await page.locator("button[data-today]:not([data-outside])").first().click();
  await page.getByLabel("Hours").first().fill("23");
  await page.getByLabel("Minutes").first().fill("30");
  await page.getByRole("button", { name: "Apply date and time" }).click();
  await dialog.getByRole("textbox", { name: "Notes" }).fill("Walk through the *control room* plan.");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();
  await expect(timeline.getByText(`Meeting: Meeting with Leitstand ${tag}`)).toBeVisible();
  await expect(timeline.getByText("Open", { exact: true })).toBeVisible();

  const downloadPromise = page.waitForEvent("download");
  await timeline.getByRole("link", { name: `Download Meeting with Leitstand ${tag} as .ics` }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/\.ics$/);
  const ics = await readFile(await download.path(), "utf8");
  expect(ics).toContain("BEGIN:VEVENT");
  expect(ics).toContain(`SUMMARY:Meeting with Leitstand ${tag}`);
  expect(ics).toMatch(/DTSTART:\d{8}T\d{6}Z/);

  // The calendar's week view shows it; a click opens it.
  await page.goto("/calendar");
  await expect(page.getByRole("heading", { name: "Calendar", level: 1 })).toBeVisible();
  const event = page.locator(".fc-event", { hasText: `Meeting with Leitstand ${tag}` });
  await expect(event).toBeVisible();
  await page.getByRole("button", { name: "month" }).click();
  await expect(event).toBeVisible();
  await page.getByRole("button", { name: "week" }).click();
  await closeNotifications(page);
  await screenshot(page, "calendar", true);
  // The same week in the dark theme (FullCalendar takes its colours from Mantine's variables).
  await page.getByRole("button", { name: "Switch to dark theme" }).click();
  await screenshot(page, "calendar-dark", true);
  await page.getByRole("button", { name: "Switch to light theme" }).click();
  await event.click();
  await expect(page.getByRole("dialog", { name: "Edit Meeting" })).toBeVisible();
});

test("a task is ticked done in My work and leaves the overdue list", async ({ page, api }) => {
  const tag = unique();
  const lead = await api.createLead({ lastName: `Aufgabe ${tag}`, companyName: "Mein Tag AG" });
  const hoursFromNow = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
  const startOfToday = new Date();
  startOfToday.setHours(0, 0, 0, 0);
  await api.send("POST", "/activities", {
    type: "task",
    subject: `Send offer ${tag}`,
    dueAt: new Date(startOfToday.getTime() - 26 * 3_600_000).toISOString(),
    leadId: lead.id,
  });
  await api.send("POST", "/activities", {
    type: "task",
    subject: `Prepare workshop ${tag}`,
    dueAt: hoursFromNow(48),
    leadId: lead.id,
  });
  await api.send("POST", "/activities", {
    type: "call",
    subject: `Call back ${tag}`,
    startsAt: hoursFromNow(72),
    leadId: lead.id,
  });

  await page.goto("/my-work");
  await expect(page.getByRole("heading", { name: "My work", level: 1 })).toBeVisible();
  const overdue = page.getByRole("region", { name: "Overdue" });
  const upcoming = page.getByRole("region", { name: "Next 14 days" });
  await expect(overdue.getByText(`Send offer ${tag}`)).toBeVisible();
  await expect(upcoming.getByText(`Prepare workshop ${tag}`)).toBeVisible();
  await expect(upcoming.getByText(`Call back ${tag}`)).toBeVisible();
  await screenshot(page, "my-work");

  await overdue.getByRole("checkbox", { name: `Mark “Send offer ${tag}” done` }).click();
  await expect(overdue.getByText(`Send offer ${tag}`)).toBeHidden();
  const tasks = await api.send<{ data: { subject: string; done: boolean }[] }>(
    "GET",
    `/activities?leadId=${lead.id}&type=task`,
  );
  expect(tasks.data.find((a) => a.subject === `Send offer ${tag}`)?.done).toBe(true);

  // The lead's timeline shows the task done.
  await page.goto(`/leads/${lead.id}`);
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByRole("checkbox", { name: "Done" }).first()).toBeVisible();
});

test("a task falling due rings the bell live, without a reload", async ({ page, api }) => {
  // The e2e server scans every 2 s (LEADWERK_REMINDER_SCAN_MS); the live stream then updates the open page.
  const tag = unique();
  const lead = await api.createLead({ lastName: `Glocke ${tag}` });
  // In the browser's time zone (UTC here): "due today" ends at its midnight, not Berlin's.
  await api.send("POST", "/notifications/read-all?timeZone=UTC");
  await page.goto("/my-work");
  const bell = page.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName("Reminders");

  await api.send("POST", "/activities", {
    type: "task",
    subject: `Confirm order ${tag}`,
    dueAt: new Date(Date.now() - 60_000).toISOString(),
    leadId: lead.id,
  });
  await expect(bell).toHaveAccessibleName("Reminders, 1 unread");
  await bell.click();
  await expect(page.getByText(`Task due: Confirm order ${tag}`)).toBeVisible();
  await page.getByRole("button", { name: "Mark all read" }).click();
  await expect(bell).toHaveAccessibleName("Reminders");
});

test("a click on an empty slot in the calendar makes an appointment that opens its lead", async ({
  page,
  api,
}) => {
  const tag = unique();
  const lead = await api.createLead({
    firstName: "Karl",
    lastName: `Kalender ${tag}`,
    companyName: "Slot GmbH",
  });
  await page.goto("/calendar");
  for (const name of ["Today", "Day", "Week", "Month"])
    await expect(page.getByRole("button", { name, exact: true })).toBeVisible();

  // 10:00 five days ahead in the day view (the browser runs in UTC): a click on the empty slot.
  // Not today: other tests' tasks fall due around now, and a click on one opens it instead.
  const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  await page.getByRole("button", { name: "Day", exact: true }).click();
  for (let i = 0; i < 5; i++) await page.locator(".fc-next-button").click();
  const column = page.locator(`.fc-timeGridDay-view td.fc-timegrid-col[data-date="${day}"]`);
  await expect(column).toBeVisible();
  await expect(column.locator(".fc-event")).toHaveCount(0);
  const lane = page.locator('.fc-timeGridDay-view td.fc-timegrid-slot-lane[data-time="10:00:00"]');
  await lane.scrollIntoViewIfNeeded();
  const box = await lane.boundingBox();
  if (!box) throw new Error("no 10:00 slot");
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const dialog = page.getByRole("dialog", { name: "New appointment" });
  await expect(dialog.getByRole("button", { name: "Starts" })).toContainText("10:00");
  await expect(dialog.getByRole("button", { name: "Ends" })).toContainText("10:30");
  await dialog.getByRole("textbox", { name: "Subject" }).fill(`Kick-off ${tag}`);
  await dialog.getByRole("combobox", { name: "Lead" }).fill(`Kalender ${tag}`);
  await page.getByRole("option", { name: `Karl Kalender ${tag} (Slot GmbH)` }).click();
  await screenshot(page, "calendar-create");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  const event = page.locator(".fc-event", { hasText: `Kick-off ${tag}` });
  await expect(event).toContainText("10:00");
  const height = (await event.boundingBox())?.height ?? 0;
  expect(height).toBeGreaterThanOrEqual(20);
  await page.getByRole("button", { name: "Week", exact: true }).click();
  await expect(event).toBeVisible();
  await closeNotifications(page);
  await event.scrollIntoViewIfNeeded();
  await screenshot(page, "calendar-week-en", true);
  await page.getByRole("button", { name: "Month", exact: true }).click();
  await expect(event).toBeVisible();
  await screenshot(page, "calendar-month-en", true);

  // The event opens its activity with a way to the lead.
  await event.click();
  const edit = page.getByRole("dialog", { name: "Edit Meeting" });
  await edit.getByRole("link", { name: "Open lead" }).click();
  await expect(page).toHaveURL(new RegExp(`/leads/${lead.id}$`));
  const tasks = await api.send<{ data: { subject: string; leadId: string; startsAt: string }[] }>(
    "GET",
    `/activities?leadId=${lead.id}`,
  );
  expect(tasks.data.map((a) => a.subject)).toEqual([`Kick-off ${tag}`]);
  expect(tasks.data[0]?.startsAt).toMatch(new RegExp(`^${day}T10:00:00`));
});

test("the bell lists overdue and due-today work and opens its record", async ({ page, api }) => {
  const tag = unique();
  const lead = await api.createLead({ lastName: `Rückstand ${tag}` });
  // In the browser's time zone (UTC here): "due today" ends at its midnight, not Berlin's.
  await api.send("POST", "/notifications/read-all?timeZone=UTC");
  // Due two days ago: older than the reminders' look-back, so only the due work shows it.
  await api.send("POST", "/activities", {
    type: "task",
    subject: `Send the contract ${tag}`,
    dueAt: new Date(Date.now() - 48 * 3_600_000).toISOString(),
    leadId: lead.id,
  });
  await page.goto("/contacts");
  const bell = page.getByTestId("notification-bell");
  await expect(bell).toHaveAccessibleName("Reminders, 1 unread");
  await bell.click();
  const overdue = page.getByRole("region", { name: "Overdue" });
  await expect(overdue.getByText(`Send the contract ${tag}`)).toBeVisible();
  await closeNotifications(page);
  await screenshot(page, "bell-en");
  await overdue.getByText(`Send the contract ${tag}`).click();
  await expect(page).toHaveURL(new RegExp(`/leads/${lead.id}$`));

  // German: the calendar and the bell.
  await api.send("PATCH", "/me", { locale: "de" });
  try {
    await page.goto("/calendar");
    for (const name of ["Heute", "Tag", "Woche", "Monat"])
      await expect(page.getByRole("button", { name, exact: true })).toBeVisible();
    await screenshot(page, "calendar-week-de", true);
    await page.getByRole("button", { name: "Monat", exact: true }).click();
    await screenshot(page, "calendar-month-de", true);
    await page.getByTestId("notification-bell").click();
    await expect(page.getByRole("region", { name: "Überfällig" })).toContainText(`Send the contract ${tag}`);
    await screenshot(page, "bell-de");
  } finally {
    await api.send("PATCH", "/me", { locale: "en" });
  }
});

test("a contact taking part in a task shows on the timeline, in the edit form and in My work", async ({
  page,
  api,
}) => {
  const tag = unique();
  const lead = await api.createLead({ lastName: `Runde ${tag}`, companyName: "Runde KG" });
  await api.send("POST", "/contacts", { firstName: "Kate", lastName: `Bell ${tag}` });
  await page.goto(`/leads/${lead.id}`);

  const timeline = page.getByRole("region", { name: "Timeline" });
  await timeline
    .getByRole("toolbar", { name: "Add activity" })
    .getByRole("button", { name: "Add task" })
    .click();
  const dialog = page.getByRole("dialog", { name: "Add task" });
  await dialog.getByRole("textbox", { name: "Subject" }).fill(`Workshop prep ${tag}`);
  await dialog.getByRole("combobox", { name: "Participating contacts" }).fill(`bell ${tag}`);
  await page.getByRole("option", { name: `Kate Bell ${tag}` }).click();
  await expect(dialog.getByText(`Kate Bell ${tag}`, { exact: true })).toBeVisible();
  await screenshot(page, "activity-contact-participant");
  await dialog.getByRole("button", { name: "Save" }).click();
  await expect(dialog).toBeHidden();

  const participants = timeline.getByTestId("timeline-participants");
  await expect(participants).toHaveText(`Participants: Kate Bell ${tag}`);
  await expect(participants.getByRole("link", { name: `Kate Bell ${tag}` })).toHaveAttribute(
    "href",
    /\/contacts\/[0-9a-f-]{36}$/,
  );

  // The edit form starts with the contact, removable there.
  await timeline.getByRole("button", { name: `Edit Workshop prep ${tag}` }).click();
  const edit = page.getByRole("dialog", { name: "Edit Task" });
  await expect(edit.getByText(`Kate Bell ${tag}`, { exact: true })).toBeVisible();
  await expect(edit.getByRole("button", { name: `Remove Kate Bell ${tag}` })).toBeVisible();
  await edit.getByRole("button", { name: "Cancel" }).click();

  await page.goto("/my-work");
  const upcoming = page.getByRole("region", { name: "Next 14 days" });
  await expect(upcoming.getByTestId("work-item").filter({ hasText: `Workshop prep ${tag}` })).toContainText(
    `with Kate Bell ${tag}`,
  );
});

test("a contact the user may not see takes part without its name, on the timeline, in the form and in My work", async ({
  browser,
  api,
}, testInfo) => {
  const tag = unique();
  const own = await api.send<{ id: string }>("POST", "/teams", { name: `Team N ${tag}` });
  const other = await api.send<{ id: string }>("POST", "/teams", { name: `Team S ${tag}` });
  const seller = { email: `sina-${tag}@example.com`, password: "seller-start-pass-1" };
  const sina = await api.send<{ id: string }>("POST", "/users", {
    ...seller,
    name: `Sina ${tag}`,
    role: "sales",
    teamId: own.id,
    locale: "en",
  });
  const lead = await api.createLead({ lastName: `Verbund ${tag}`, teamId: own.id });
  const visible = await api.send<{ id: string }>("POST", "/contacts", {
    firstName: "Kate",
    lastName: `Nord ${tag}`,
    teamId: own.id,
  });
  const hidden = await api.send<{ id: string }>("POST", "/contacts", {
    firstName: "Greta",
    lastName: `Geheim ${tag}`,
    teamId: other.id,
  });
  const dueAt = new Date(Date.now() + 48 * 3_600_000).toISOString();
  await api.send("POST", "/activities", {
    type: "task",
    subject: `Joint offer ${tag}`,
    dueAt,
    leadId: lead.id,
    participantUserIds: [sina.id],
    participantContactIds: [visible.id, hidden.id],
  });

  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    storageState: undefined,
    viewport: { width: 1440, height: 900 },
    locale: "en-US",
  });
  const login = await context.request.post("/api/v1/auth/login", { data: seller });
  expect(login.ok(), await login.text()).toBe(true);
  const page = await context.newPage();

  await page.goto(`/leads/${lead.id}`);
  const timeline = page.getByRole("region", { name: "Timeline" });
  const participants = timeline.getByTestId("timeline-participants");
  await expect(participants).toContainText(`Kate Nord ${tag}`);
  await expect(participants).toContainText("1 contact you cannot see");
  await expect(participants.getByRole("link")).toHaveCount(1);
  await expect(page.getByText(`Geheim ${tag}`)).toHaveCount(0);
  await timeline.screenshot({ path: "test-results/screenshots/timeline-hidden-contact.png" });
  await participants.getByTestId("hidden-contacts").focus();
  await expect(page.getByRole("tooltip")).toContainText("You have no access to this contact");

  // Saving the task with the list as it came keeps the hidden contact.
  await timeline.getByRole("button", { name: `Edit Joint offer ${tag}` }).click();
  const edit = page.getByRole("dialog", { name: "Edit Task" });
  await expect(edit.getByText("A contact you cannot see", { exact: true })).toBeVisible();
  await edit.getByRole("textbox", { name: "Subject" }).fill(`Joint offer v2 ${tag}`);
  await edit.getByRole("button", { name: "Save" }).click();
  await expect(edit).toBeHidden();
  await expect(timeline.getByText(`Task: Joint offer v2 ${tag}`)).toBeVisible();
  await expect(participants).toContainText("1 contact you cannot see");

  await page.goto("/my-work");
  const upcoming = page.getByRole("region", { name: "Next 14 days" });
  await expect(upcoming.getByTestId("work-item").filter({ hasText: `Joint offer v2 ${tag}` })).toContainText(
    `with Kate Nord ${tag}, 1 contact you cannot see`,
  );
  await screenshot(page, "my-work-hidden-contact");
  await context.close();
});
