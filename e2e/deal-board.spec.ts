import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { type Api, closeNotifications, expect, pick, screenshot, test, unique } from "./fixtures";

interface Stage {
  id: string;
  name: string;
  probability: number;
  rottingDays: number | null;
}
interface Pipeline {
  id: string;
  name: string;
  isDefault: boolean;
  stages: Stage[];
}
interface Deal {
  id: string;
  title: string;
  stageId: string;
  status: string;
  lostReason: string | null;
  version: number;
}

const PASSWORD = "board-start-pass-1";

/**
 * A pipeline of this test alone, with the default pipeline's stages: other specs put deals into the
 * default pipeline, and the column sums checked here must not depend on the order the specs run in.
 */
async function ownPipeline(api: Api, tag: string): Promise<Pipeline> {
  const { data } = await api.send<{ data: Pipeline[] }>("GET", "/pipelines");
  const template = data.find((p) => p.isDefault) ?? data[0];
  if (!template) throw new Error("no pipeline");
  return api.send<Pipeline>("POST", "/pipelines", {
    name: `Vertrieb ${tag}`,
    stages: template.stages.map(({ name, probability, rottingDays }) => ({ name, probability, rottingDays })),
  });
}

const column = (page: Page, stage: Stage) => page.getByRole("region", { name: stage.name, exact: true });
const card = (scope: Page | Locator, title: string) =>
  scope.getByRole("article", { name: title, exact: true });

/** A mouse drag in small steps, as a person does it (dnd-kit starts dragging after a few pixels). */
async function drag(page: Page, source: Locator, target: () => Locator) {
  await source.scrollIntoViewIfNeeded();
  const from = await source.boundingBox();
  if (!from) throw new Error("source not visible");
  await page.mouse.move(from.x + from.width / 2, from.y + 20);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2 + 10, from.y + 30, { steps: 5 });
  const to = await target().boundingBox();
  if (!to) throw new Error("target not visible");
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 60), { steps: 15 });
  await page.mouse.move(to.x + to.width / 2, to.y + Math.min(to.height / 2, 60) + 2, { steps: 2 });
  await page.mouse.up();
}

test("the deal board: drag by mouse and keyboard, won and lost, and another user sees moves live", async ({
  page,
  api,
  browser,
}, testInfo) => {
  test.slow();
  const tag = unique();
  const pipeline = await ownPipeline(api, tag);
  const [qualified, analysis, proposal, negotiation] = pipeline.stages;
  if (!qualified || !analysis || !proposal || !negotiation) throw new Error("default stages missing");
  const company = await api.send<{ id: string }>("POST", "/companies", {
    name: `Hansen Maschinenbau ${tag}`,
  });
  const other = await api.send<{ id: string }>("POST", "/companies", { name: `Brinkmann Logistik ${tag}` });
  const create = (title: string, stage: Stage, amount: string, extra: Record<string, unknown> = {}) =>
    api.send<Deal>("POST", "/deals", {
      title: `${title} ${tag}`,
      pipelineId: pipeline.id,
      stageId: stage.id,
      amount: { amount, currency: "EUR" },
      expectedCloseDate: "2027-03-31",
      companyId: company.id,
      ...extra,
    });
  const compressor = await create("Kompressor K-200", qualified, "12500");
  const service = await create("Wartungsvertrag 2027", qualified, "4800", { companyId: other.id });
  const parts = await create("Ersatzteilpaket", qualified, "2300.50");
  const training = await create("Schulung Instandhaltung", analysis, "1900");
  const retrofit = await create("Retrofit Linie 3", proposal, "86000", {
    amount: { amount: "86000", currency: "USD" },
  });
  const audit = await create("Energieaudit", negotiation, "7400");

  // A sales-qualified lead waits in the lane.
  await api.createLead({
    firstName: "Jonas",
    lastName: `Albrecht ${tag}`,
    companyName: `Albrecht Kältetechnik ${tag}`,
    estimatedValue: { amount: "15000", currency: "EUR" },
    lifecycleStage: "sql",
    bant: {
      budget: { state: "met" },
      authority: { state: "met" },
      need: { state: "met" },
      timeline: { state: "met" },
    },
  });

  await page.goto(`/deals?pipeline=${pipeline.id}`);
  // The first visit loads the app itself; on a busy machine that takes a while.
  await expect(page.getByRole("heading", { name: "Deals", level: 1 })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("combobox", { name: "Pipeline" })).toHaveValue(pipeline.name);
  const qualifiedColumn = column(page, qualified);
  await expect(card(qualifiedColumn, compressor.title)).toBeVisible();
  // Count, sum and weighted sum in the user's locale (en-GB): 12,500 + 4,800 + 2,300.50, 10 %.
  await expect(qualifiedColumn.getByText("Total €19,601")).toBeVisible();
  await expect(qualifiedColumn.getByText("Weighted €1,960 (10 %)")).toBeVisible();
  await expect(column(page, proposal).getByText("Total US$86,000")).toBeVisible();
  await expect(card(qualifiedColumn, compressor.title).getByText(`Hansen Maschinenbau ${tag}`)).toBeVisible();
  await expect(card(qualifiedColumn, compressor.title).getByText("0 days in stage")).toBeVisible();
  const lane = page.getByRole("region", { name: "Qualified leads" });
  await expect(lane.getByRole("article", { name: `Jonas Albrecht ${tag}` })).toBeVisible();
  await expect(page.getByRole("link", { name: "List" })).toHaveAttribute("href", /\/deals\/list/);
  await closeNotifications(page);
  await screenshot(page, "deal-board");

  // Mouse: the compressor deal into "Needs analysis", above the training deal.
  await drag(page, card(page, compressor.title), () => card(page, training.title));
  await expect(card(column(page, analysis), compressor.title)).toBeVisible();
  await expect
    .poll(async () => (await api.send<Deal>("GET", `/deals/${compressor.id}`)).stageId)
    .toBe(analysis.id);
  await expect(column(page, analysis).getByRole("article")).toHaveText([
    new RegExp(compressor.title),
    new RegExp(training.title),
  ]);

  // Keyboard: pick up the service contract, one column to the right, drop.
  const handle = page.getByRole("button", { name: `Move ${service.title}` }).first();
  await handle.focus();
  await page.keyboard.press("Space");
  await expect(handle).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowRight");
  // Screen readers hear where the card is now.
  await expect(
    page.getByRole("status").filter({ hasText: `${service.title} moved. Stage ${analysis.name}` }),
  ).toBeAttached();
  await page.keyboard.press("Space");
  await expect(card(column(page, analysis), service.title)).toBeVisible();
  await expect
    .poll(async () => (await api.send<Deal>("GET", `/deals/${service.id}`)).stageId)
    .toBe(analysis.id);

  // Won from the card's menu.
  await page.getByRole("button", { name: `Actions for ${parts.title}` }).click();
  await page.getByRole("menuitem", { name: "Mark as won" }).click();
  await expect(page.getByText(`“${parts.title}” marked as won.`)).toBeVisible();
  await expect(card(page, parts.title)).toHaveCount(0);
  expect((await api.send<Deal>("GET", `/deals/${parts.id}`)).status).toBe("won");

  // Lost by dropping on the "Lost" zone, with a reason from the list.
  await drag(page, card(page, training.title), () => page.getByRole("region", { name: "Lost", exact: true }));
  const dialog = page.getByRole("dialog", { name: "Deal lost" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Mark as lost" }).click();
  await expect(dialog.getByText("Give a reason")).toBeVisible();
  await pick(page, dialog, "Reason", "Price too high");
  await dialog.getByRole("button", { name: "Mark as lost" }).click();
  await expect(dialog).toBeHidden();
  await expect(card(page, training.title)).toHaveCount(0);
  const lost = await api.send<Deal>("GET", `/deals/${training.id}`);
  expect([lost.status, lost.lostReason]).toEqual(["lost", "Price too high"]);

  // A qualified lead dragged from the lane onto a stage becomes a deal there, after a short confirm.
  const leadCard = lane.getByRole("article", { name: `Jonas Albrecht ${tag}` });
  await drag(page, leadCard, () => column(page, qualified));
  const convert = page.getByRole("dialog", { name: "Convert into a deal" });
  await convert.getByRole("button", { name: "Convert and create deal" }).click();
  await expect(convert).toBeHidden();
  await expect(leadCard).toHaveCount(0);
  await expect(column(page, qualified).getByRole("article", { name: new RegExp(tag) })).toHaveCount(1);

  // Filters live in the address.
  await page.getByRole("searchbox", { name: "Search deals" }).fill("Retrofit");
  await expect(page).toHaveURL(/q=Retrofit/);
  await expect(page.getByRole("article", { name: retrofit.title })).toBeVisible();
  await expect(card(page, audit.title)).toHaveCount(0);
  await page.getByRole("button", { name: "Reset filters" }).click();
  await expect(card(page, audit.title)).toBeVisible();

  // A second user (another browser) sees a move made elsewhere without reloading.
  const manager = { email: `mara-${tag}@example.com`, password: PASSWORD };
  await api.send("POST", "/users", {
    ...manager,
    name: `Mara Manager ${tag}`,
    role: "manager",
    teamId: null,
    locale: "en",
  });
  const context = await browser.newContext({
    baseURL: testInfo.project.use.baseURL,
    storageState: undefined,
    viewport: { width: 1440, height: 900 },
  });
  const login = await context.request.post("/api/v1/auth/login", { data: manager });
  expect(login.ok(), await login.text()).toBe(true);
  const second = await context.newPage();
  // The move waits for this page's event stream, so that the live event shows it (a move before the
  // stream opened is shown by the refetch on opening: the test below).
  const streamOpen = second.waitForResponse((response) => response.url().endsWith("/api/v1/events"));
  await second.goto(`/deals?pipeline=${pipeline.id}`);
  await expect(card(column(second, negotiation), audit.title)).toBeVisible({ timeout: 20_000 });
  expect((await streamOpen).ok()).toBe(true);
  await api.send("POST", `/deals/${audit.id}/move`, { stageId: proposal.id, position: 0 });
  await expect(card(column(second, proposal), audit.title)).toBeVisible();
  await expect(card(column(second, negotiation), audit.title)).toHaveCount(0);
  await context.close();

  // German, in the dark theme.
  await api.send("PATCH", "/me", { locale: "de" });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.reload();
  // A reload on a busy machine takes a while (as the first visit).
  await expect(page.getByRole("region", { name: "Qualifizierte Interessenten" })).toBeVisible({
    timeout: 20_000,
  });
  await expect(column(page, qualified)).toBeVisible();
  await expect(column(page, proposal).getByText(/^Summe /)).toBeVisible();
  await closeNotifications(page);
  await screenshot(page, "deal-board-de");
  await api.send("PATCH", "/me", { locale: "en" });
});

test("a move another user makes while the board's event stream is still opening shows up", async ({
  page,
  api,
  playwright,
}, testInfo) => {
  const tag = unique();
  const pipeline = await api.send<Pipeline>("POST", "/pipelines", {
    name: `Nachzügler ${tag}`,
    stages: [
      { name: "Erstkontakt", probability: 10 },
      { name: "Angebot", probability: 50 },
    ],
  });
  const [first, offer] = pipeline.stages;
  if (!first || !offer) throw new Error("stages missing");
  const deal = await api.send<Deal>("POST", "/deals", {
    title: `Kältemaschine ${tag}`,
    pipelineId: pipeline.id,
    stageId: first.id,
    amount: { amount: "9000", currency: "EUR" },
  });
  const colleague = { email: `nils-${tag}@example.com`, password: PASSWORD };
  await api.send("POST", "/users", {
    ...colleague,
    name: `Nils Neumann ${tag}`,
    role: "manager",
    teamId: null,
    locale: "en",
  });
  const other = await playwright.request.newContext({ baseURL: testInfo.project.use.baseURL });
  const login = await other.post("/api/v1/auth/login", { data: colleague });
  expect(login.ok(), await login.text()).toBe(true);
  const { csrfToken } = (await login.json()) as { csrfToken: string };

  // The board is asked for while the page's code loads and the event stream opens a moment later;
  // here the stream is held back until the colleague's move is made in that moment.
  let release: () => void = () => undefined;
  const moved = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route("**/api/v1/events", async (route) => {
    await moved;
    await route.continue();
  });
  const streamAsked = page.waitForRequest((request) => request.url().endsWith("/api/v1/events"));
  await page.goto(`/deals?pipeline=${pipeline.id}`);
  await expect(card(column(page, first), deal.title)).toBeVisible({ timeout: 20_000 });
  await streamAsked;
  const move = await other.post(`/api/v1/deals/${deal.id}/move`, {
    data: { stageId: offer.id, position: 0 },
    headers: { "X-CSRF-Token": csrfToken },
  });
  expect(move.ok(), await move.text()).toBe(true);
  release();

  await expect(card(column(page, offer), deal.title)).toBeVisible();
  await expect(card(column(page, first), deal.title)).toHaveCount(0);
  await other.dispose();
});

/**
 * Open deals written by one INSERT … SELECT through the e2e server's fixtures port (E2E_PORT +
 * 10,000, e2e/server/e2e-main.ts); titles are "<prefix> <stage no.>-<00001>".
 */
async function seedDeals(
  request: APIRequestContext,
  data: {
    pipelineId: string;
    ownerId: string;
    titlePrefix: string;
    stages: { stageId: string; count: number }[];
  },
) {
  const port = Number(process.env.E2E_PORT || "3210") + 10_000;
  const response = await request.post(`http://127.0.0.1:${port}/deals`, { data });
  expect(response.status(), await response.text()).toBe(201);
}

interface BoardAnswer {
  columns: { stage: { id: string }; count: number; sum: { amount: string; currency: string }[] }[];
}

/** The server's whole-column figures as the column header shows them in English. */
async function serverFigures(api: Api, pipelineId: string, stageId: string) {
  const board = await api.send<BoardAnswer>("GET", `/pipelines/${pipelineId}/board?perColumn=1`);
  const figures = board.columns.find((c) => c.stage.id === stageId);
  if (!figures) throw new Error("column missing");
  const euro = new Intl.NumberFormat("en-US", {
    style: "currency",
    currency: "EUR",
    maximumFractionDigits: 0,
  });
  const sum = figures.sum.find((s) => s.currency === "EUR");
  return {
    count: `${figures.count.toLocaleString("en-US")} deals`,
    sum: `Total ${euro.format(Math.round(Number(sum?.amount ?? 0)))}`,
  };
}

/** The number in a column's "Show 8,975 more" button: the deals it has not loaded yet. */
async function notLoaded(scope: Locator): Promise<number> {
  const label = await scope.getByRole("button", { name: /^Show [\d,]+ more$/ }).textContent();
  return Number((label ?? "").replace(/\D/g, ""));
}

test("a board of 10,000 open deals renders only the visible cards, loads more on scroll and commits a drop", async ({
  page,
  api,
}) => {
  // 10,000 open deals (issue #21 point 3) in one SQL statement: the batch API needs minutes for them
  // on a shared machine.
  test.setTimeout(180_000);
  const tag = unique();
  const pipeline = await api.send<Pipeline>("POST", "/pipelines", {
    name: `Grossprojekte ${tag}`,
    stages: [
      { name: "Eingang", probability: 20 },
      { name: "Angebot", probability: 60 },
    ],
  });
  const [inbox, offer] = pipeline.stages;
  if (!inbox || !offer) throw new Error("stages missing");
  const total = 10_000;
  const { user } = await api.me();
  await seedDeals(page.request, {
    pipelineId: pipeline.id,
    ownerId: user.id,
    titlePrefix: `Los ${tag}`,
    stages: [
      { stageId: inbox.id, count: 9000 },
      { stageId: offer.id, count: 1000 },
    ],
  });

  const asked = Date.now();
  await api.send("GET", `/pipelines/${pipeline.id}/board?perColumn=25`);
  console.log(`deal board with ${total} open deals: GET board answered in ${Date.now() - asked} ms`);
  const started = Date.now();
  await page.goto(`/deals?pipeline=${pipeline.id}`);
  const inboxColumn = column(page, inbox);
  const offerColumn = column(page, offer);
  // No bound on the time: the machine is shared (load averages far above its two cores), so the
  // figure is logged for BENCHMARKS.md and the test asserts what the user sees.
  await expect(inboxColumn.getByRole("article").first()).toBeVisible({ timeout: 60_000 });
  const firstRender = Date.now() - started;
  console.log(`deal board with ${total} open deals: first cards visible ${firstRender} ms after navigation`);
  test.info().annotations.push({ type: "board-first-render-ms", description: String(firstRender) });

  // The headers show the server's figures for the whole column, not for the 25 cards loaded.
  const inboxFigures = await serverFigures(api, pipeline.id, inbox.id);
  await expect(inboxColumn.getByLabel("9,000 deals")).toBeVisible();
  expect(inboxFigures.count).toBe("9,000 deals");
  await expect(inboxColumn.getByText(inboxFigures.sum, { exact: true })).toBeVisible();
  await expect(offerColumn.getByLabel("1,000 deals")).toBeVisible();
  expect(await notLoaded(inboxColumn)).toBe(9000 - 25);
  // Virtualised: of the 25 cards loaded, only those in view (and a few around them) are in the DOM.
  const rendered = await inboxColumn.getByRole("article").count();
  expect(rendered).toBeGreaterThanOrEqual(3);
  expect(rendered).toBeLessThan(25);

  // Scrolling to the column's end loads further pages; the DOM keeps only the cards around the view.
  const body = inboxColumn.locator("[data-stage-id]");
  for (let page = 0; page < 4; page++) {
    const before = await notLoaded(inboxColumn);
    await body.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await expect.poll(() => notLoaded(inboxColumn), { timeout: 15_000 }).toBeLessThan(before);
  }
  expect(await notLoaded(inboxColumn)).toBeLessThanOrEqual(9000 - 125);
  expect(await inboxColumn.getByRole("article").count()).toBeLessThan(25);
  await expect(inboxColumn.getByLabel("9,000 deals")).toBeVisible();
  await body.evaluate((element) => element.scrollTo({ top: 0 }));

  // A drop by mouse: the time from the mouse's release to the server's answer, read from the
  // browser's own clock (User Timing and Resource Timing), and the long tasks during the gesture.
  const moved = (await inboxColumn.getByRole("article").first().getAttribute("aria-label")) ?? "";
  const target = (await offerColumn.getByRole("article").first().getAttribute("aria-label")) ?? "";
  await page.evaluate(() => {
    performance.clearResourceTimings();
    const longTasks: number[] = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push(entry.duration);
    }).observe({ type: "longtask" });
    Reflect.set(window, "__boardLongTasks", longTasks);
    window.addEventListener(
      "pointerup",
      () => {
        performance.mark("e2e:mouseup");
        // The next task: when the drop's own work (its event, the render it asks for) let go of the
        // main thread, whatever the server's speed.
        setTimeout(() => performance.mark("e2e:drop-done"), 0);
      },
      { capture: true, once: true },
    );
  });
  await drag(page, card(inboxColumn, moved), () => card(offerColumn, target));
  const timing = await page
    .waitForFunction(() => {
      const up = performance.getEntriesByName("e2e:mouseup")[0];
      const committed = performance.getEntriesByName("leadwerk:board-move-committed")[0];
      const done = performance.getEntriesByName("e2e:drop-done")[0];
      const request = performance
        .getEntriesByType("resource")
        .find((entry): entry is PerformanceResourceTiming => entry.name.endsWith("/move"));
      if (!up || !committed || !request || !done) return null;
      const longTasks: unknown = Reflect.get(window, "__boardLongTasks");
      return {
        sent: Math.round(request.startTime - up.startTime),
        answered: Math.round(request.responseEnd - up.startTime),
        committed: Math.round(committed.startTime - up.startTime),
        dropWork: Math.round(done.startTime - up.startTime),
        gesture: Array.isArray(longTasks)
          ? Math.round(longTasks.reduce((a: number, b: number) => a + b, 0))
          : 0,
      };
    })
    .then((handle) => handle.jsonValue());
  console.log(
    `deal board with ${total} open deals: drop committed ${timing?.committed} ms after mouseup ` +
      `(request sent after ${timing?.sent} ms, answered after ${timing?.answered} ms; ` +
      `main thread free after ${timing?.dropWork} ms; ` +
      `long tasks during the gesture ${timing?.gesture} ms)`,
  );
  test.info().annotations.push({ type: "board-drop-commit-ms", description: String(timing?.committed) });

  // The card lands in the other column at once, the figures follow, and all of it holds after a reload.
  await expect(card(offerColumn, moved)).toBeVisible();
  await expect(offerColumn.getByLabel("1,001 deals")).toBeVisible();
  await expect(inboxColumn.getByLabel("8,999 deals")).toBeVisible();
  await screenshot(page, "deal-board-10k-en");
  await page.reload();
  await expect(card(offerColumn, moved)).toBeVisible({ timeout: 30_000 });
  await expect(card(inboxColumn, moved)).toHaveCount(0);
  const offerFigures = await serverFigures(api, pipeline.id, offer.id);
  expect(offerFigures.count).toBe("1,001 deals");
  await expect(offerColumn.getByLabel(offerFigures.count)).toBeVisible();
  await expect(offerColumn.getByText(offerFigures.sum, { exact: true })).toBeVisible();

  await api.send("PATCH", "/me", { locale: "de" });
  await page.reload();
  await expect(inboxColumn.getByLabel("8.999 Deals")).toBeVisible({ timeout: 30_000 });
  await screenshot(page, "deal-board-10k-de");
  await api.send("PATCH", "/me", { locale: "en" });
});

/** The density switch shows icons; its labels name the choices (the radio inputs are hidden). */
const density = (page: Page, name: string) => page.locator("label", { hasText: name }).click();

/** Every stage column stands whole inside the window. */
async function expectColumnsInside(page: Page, stages: readonly Stage[], width: number) {
  for (const stage of stages) {
    const box = await column(page, stage).boundingBox();
    if (!box) throw new Error(`column ${stage.name} not rendered`);
    expect(box.x, stage.name).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width, stage.name).toBeLessThanOrEqual(width);
  }
}

test("the board at a glance: whole columns at 1440 px, compact cards, one attention signal, the keyboard", async ({
  page,
  api,
}) => {
  test.slow();
  const tag = unique();
  // The default pipeline itself (with whatever deals other specs left in it) fits 1440 px.
  const { data: pipelines } = await api.send<{ data: Pipeline[] }>("GET", "/pipelines");
  const standard = pipelines.find((p) => p.isDefault);
  if (!standard) throw new Error("no default pipeline");
  await page.goto(`/deals?pipeline=${standard.id}`);
  await expect(column(page, standard.stages[0] as Stage)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByRole("region", { name: "Qualified leads" })).toBeVisible();
  await expectColumnsInside(page, standard.stages, 1440);
  // No stage strip when every column fits.
  await expect(page.getByRole("navigation", { name: "Go to stage" })).toHaveCount(0);

  const pipeline = await ownPipeline(api, tag);
  const [first, second, third] = pipeline.stages;
  if (!first || !second || !third) throw new Error("default stages missing");
  const companyName = `Hansen Maschinenbau ${tag}`;
  const company = await api.send<{ id: string }>("POST", "/companies", { name: companyName });
  const create = (title: string, stage: Stage, amount: string) =>
    api.send<Deal>("POST", "/deals", {
      title,
      pipelineId: pipeline.id,
      stageId: stage.id,
      amount: { amount, currency: "EUR" },
      expectedCloseDate: "2027-03-31",
      companyId: company.id,
    });
  // The title repeats the company, as imported deals often do.
  const pump = await create(`${companyName} – Pumpe P-40`, first, "12500");
  const valve = await create(`Ventile ${tag}`, first, "3400");
  const tower = await create(`Kühlturm ${tag}`, second, "48000");
  const crane = await create(`Hallenkran ${tag}`, third, "91000");
  await api.send("POST", "/activities", {
    type: "task",
    subject: `Angebot nachfassen ${tag}`,
    dueAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    dealId: valve.id,
  });
  await api.send("POST", "/activities", {
    type: "task",
    subject: `Pumpe vorführen ${tag}`,
    dueAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    dealId: pump.id,
  });

  await page.goto(`/deals?pipeline=${pipeline.id}`);
  const pumpCard = card(page, pump.title);
  await expect(pumpCard).toBeVisible({ timeout: 20_000 });
  // The company once, on its own line; the title without it.
  await expect(pumpCard.getByText(companyName)).toHaveCount(1);
  await expect(pumpCard.getByRole("link", { name: "Pumpe P-40", exact: true })).toBeVisible();

  // An overdue next activity: red date, and the one quiet signal names the reason (hover and focus).
  const valveCard = card(page, valve.title);
  await expect(valveCard.locator("[data-overdue]")).toHaveCSS("color", "rgb(224, 49, 49)");
  const signal = valveCard.getByRole("button", { name: /^Needs attention: Next activity overdue/ });
  await signal.hover();
  await expect(page.getByRole("tooltip")).toContainText("Next activity overdue");
  await page.mouse.move(0, 0);
  await expect(
    card(page, tower.title).getByRole("button", { name: /^Needs attention: No next activity/ }),
  ).toBeVisible();
  // A deal with a next step ahead is quiet.
  await expect(pumpCard.getByRole("button", { name: /^Needs attention/ })).toHaveCount(0);

  // Keyboard: the board is one tab stop; two arrow presses reach the third column's first card.
  await page.getByRole("searchbox", { name: "Search deals" }).focus();
  const onCard = () => page.evaluate(() => document.activeElement?.getAttribute("data-board-item") ?? null);
  let tabs = 0;
  while ((await onCard()) === null && tabs < 15) {
    await page.keyboard.press("Tab");
    tabs += 1;
  }
  expect(tabs).toBeLessThan(15);
  await expect(page.getByRole("button", { name: `Move ${pump.title}` })).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  const craneHandle = page.getByRole("button", { name: `Move ${crane.title}` });
  await expect(craneHandle).toBeFocused();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByRole("button", { name: `Move ${tower.title}` })).toBeFocused();

  // A keyboard drop keeps the focus on the moved card, now in the third column.
  // While dragged, the overlay shows a second copy of the card.
  const towerHandle = page.getByRole("button", { name: `Move ${tower.title}` }).first();
  await page.keyboard.press("Space");
  await expect(towerHandle).toHaveAttribute("aria-pressed", "true");
  await page.keyboard.press("ArrowRight");
  await expect(
    page.getByRole("status").filter({ hasText: `${tower.title} moved. Stage ${third.name}` }),
  ).toBeAttached();
  await page.keyboard.press("Space");
  await expect(card(column(page, third), tower.title)).toBeVisible();
  await expect(column(page, third).getByRole("button", { name: `Move ${tower.title}` })).toBeFocused();
  await expect.poll(async () => (await api.send<Deal>("GET", `/deals/${tower.id}`)).stageId).toBe(third.id);
  // It landed above the crane: down goes to that card.
  await page.keyboard.press("ArrowDown");
  await expect(craneHandle).toBeFocused();
  await closeNotifications(page);
  await screenshot(page, "deal-board-1440-comfortable-en");

  // Compact cards: about two lines each, remembered over a reload.
  await density(page, "Compact");
  await expect(pumpCard).toHaveAttribute("data-density", "compact");
  const compactBox = await pumpCard.boundingBox();
  expect(compactBox?.height ?? 0).toBeLessThan(64);
  await expect(pumpCard.getByText("€12,500")).toBeVisible();
  await page.reload();
  await expect(card(page, pump.title)).toHaveAttribute("data-density", "compact", { timeout: 20_000 });
  await screenshot(page, "deal-board-1440-compact-en");
  await page.setViewportSize({ width: 1280, height: 800 });
  // At 1280 px the lane and four stages do not all fit: the stage strip jumps to a column.
  const last = pipeline.stages.at(-1);
  if (!last) throw new Error("no stages");
  await page
    .getByRole("navigation", { name: "Go to stage" })
    .getByRole("button", { name: new RegExp(`^${last.name}`) })
    .click();
  await expect
    .poll(async () => {
      const box = await column(page, last).boundingBox();
      return box ? box.x + box.width : Number.POSITIVE_INFINITY;
    })
    .toBeLessThanOrEqual(1280);
  await screenshot(page, "deal-board-1280-compact-en");
  await density(page, "Comfortable");
  await screenshot(page, "deal-board-1280-comfortable-en");

  // German: the same at both sizes, amounts as "12.500 €".
  await api.send("PATCH", "/me", { locale: "de" });
  await page.reload();
  await expect(card(page, pump.title).getByText("12.500 €")).toBeVisible({ timeout: 20_000 });
  await closeNotifications(page);
  await screenshot(page, "deal-board-1280-comfortable-de");
  await density(page, "Kompakt");
  await screenshot(page, "deal-board-1280-compact-de");
  await page.setViewportSize({ width: 1440, height: 900 });
  await expectColumnsInside(page, pipeline.stages, 1440);
  await screenshot(page, "deal-board-1440-compact-de");
  await density(page, "Ausführlich");
  await screenshot(page, "deal-board-1440-comfortable-de");
  await api.send("PATCH", "/me", { locale: "en" });
});
