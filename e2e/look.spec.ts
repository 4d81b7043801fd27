import { expect, test } from "./fixtures";

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
});
