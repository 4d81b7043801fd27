import { type Api, expect, screenshot, test, unique } from "./fixtures";

test.describe("the look (issue #23)", () => {
  test("Inter comes from Leadwerk itself and sets the lead list", async ({ page, api: _englishUser }) => {
    const fontRequests: string[] = [];
    page.on("request", (request) => {
      if (request.resourceType() === "font") fontRequests.push(request.url());
    });
    await page.goto("/leads");
    await expect(page.getByRole("heading", { name: "Leads", level: 1 })).toBeVisible();
    await page.evaluate(() => document.fonts.ready);
    const fonts = await page.evaluate(() =>
      [...document.fonts].map((f) => ({ family: f.family, status: f.status })),
    );
    expect(fonts.some((f) => /Inter/.test(f.family) && f.status === "loaded")).toBe(true);
    // The heading's own face, not only the declaration: the browser reports Inter as the face it drew with.
    const family = await page
      .getByRole("heading", { name: "Leads", level: 1 })
      .evaluate((el) => getComputedStyle(el).fontFamily);
    expect(family).toMatch(/^"?Inter Variable"?/);
    expect(await page.evaluate(() => document.fonts.check("16px 'Inter Variable'", "Leads"))).toBe(true);
    // woff2 only, served by the app (no font host).
    expect(fontRequests.length).toBeGreaterThan(0);
    for (const url of fontRequests) {
      expect(new URL(url).origin).toBe(new URL(page.url()).origin);
      expect(url).toMatch(/\.woff2$/);
    }
  });

  test("record pages open on the timeline, lists show anchors and totals; screenshots in German and English", async ({
    page,
    api,
  }) => {
    test.setTimeout(120_000);
    const { company, contact } = await seedRecords(api, unique());
    const sizes = [
      { width: 1440, height: 900 },
      { width: 1280, height: 800 },
    ];
    for (const locale of ["de", "en"] as const) {
      await api.send("PATCH", "/me", { locale });
      const timelineName = locale === "de" ? "Verlauf" : "Timeline";
      for (const size of sizes) {
        await page.setViewportSize(size);
        const suffix = `${locale}-${size.width}`;

        await page.goto(`/contacts/${contact.id}`);
        const timeline = page.getByRole("region", { name: timelineName });
        await expect(timeline.getByText("Angebot Wartungsvertrag schicken")).toBeVisible({ timeout: 20_000 });
        // Activity first: the timeline and its note box start above the fold (issue #23 point 3).
        const box = await timeline.boundingBox();
        expect(box?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(size.height);
        await expect(timeline.getByRole("textbox")).toBeInViewport();
        await expectOneLineHeading(page);
        await screenshot(page, `look-contact-${suffix}`);

        await page.goto(`/companies/${company.id}`);
        await expect(page.getByRole("region", { name: timelineName })).toBeInViewport({ timeout: 20_000 });
        await expectOneLineHeading(page);
        await screenshot(page, `look-company-${suffix}`);

        await page.goto("/companies");
        const row = page.getByRole("row", { name: new RegExp(company.name) });
        // Contacts and open deals of the company, instead of "created" (issue #23 point 4).
        await expect(row.getByRole("cell").nth(3)).toHaveText("2", { timeout: 20_000 });
        await expect(row.getByRole("cell").nth(4)).toHaveText("1");
        await expect(page.getByTestId("list-range")).toHaveText(
          locale === "de" ? /^1–\d+ von [\d.]+$/ : /^1–\d+ of [\d,]+$/,
        );
        await screenshot(page, `look-companies-${suffix}`);

        await page.goto("/leads");
        await expect(page.getByTestId("list-range")).toHaveText(
          locale === "de" ? /^1–\d+ von [\d.]+$/ : /^1–\d+ of [\d,]+$/,
        );
        await screenshot(page, `look-leads-${suffix}`);
      }
    }
    await api.send("PATCH", "/me", { locale: "en" });
  });
});

/** A company with two contacts, an open deal, a note and a lead, as a salesperson's week leaves them. */
async function seedRecords(api: Api, tag: string) {
  const company = await api.send<{ id: string; name: string }>("POST", "/companies", {
    name: `Brandt Maschinenbau ${tag}`,
    industry: "Maschinenbau",
    website: "https://brandt-maschinenbau.example",
    tags: ["Bestandskunde", "Messe 2026"],
  });
  const contact = await api.send<{ id: string }>("POST", "/contacts", {
    salutation: "Frau",
    firstName: "Alexandrea",
    lastName: `Vandenberghe-Schüler ${tag}`,
    companyId: company.id,
    jobTitle: "Leiterin Einkauf",
    email: `a.vandenberghe.${tag}@brandt-maschinenbau.example`,
    tags: ["Entscheiderin"],
  });
  await api.send("POST", "/contacts", {
    firstName: "Jörg",
    lastName: `Bäßler ${tag}`,
    companyId: company.id,
  });
  const pipelines = await api.send<{ data: { id: string; stages: { id: string }[] }[] }>("GET", "/pipelines");
  const pipeline = pipelines.data[0];
  await api.send("POST", "/deals", {
    title: `Ersatzteilvertrag ${tag}`,
    pipelineId: pipeline?.id,
    stageId: pipeline?.stages[1]?.id,
    companyId: company.id,
    amount: { amount: "48500", currency: "EUR" },
  });
  await api.send("POST", "/activities", {
    type: "note",
    subject: "Messe-Nachfass",
    body: "Messe-Nachfass: Interesse an Wartungsvertrag für drei Linien, Budget im zweiten Quartal.",
    contactId: contact.id,
    companyId: company.id,
  });
  await api.send("POST", "/activities", {
    type: "task",
    subject: "Angebot Wartungsvertrag schicken",
    dueAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
    contactId: contact.id,
    companyId: company.id,
  });
  await api.createLead({
    firstName: "Sabine",
    lastName: `Krämer ${tag}`,
    companyName: company.name,
    source: "trade_show",
  });
  return { company, contact };
}

/** The page's heading stays on one line (issue #23 point 3: headers never wrap at 1280 px). */
async function expectOneLineHeading(page: import("@playwright/test").Page) {
  const heading = page.getByRole("heading", { level: 1 });
  const lineHeight = await heading.evaluate((el) => Number.parseFloat(getComputedStyle(el).lineHeight));
  const box = await heading.boundingBox();
  expect(box?.height ?? Number.POSITIVE_INFINITY).toBeLessThan(lineHeight * 1.5);
}
