import type { Page } from "@playwright/test";
import { expect as baseExpect, test, unique } from "./fixtures";

// The machine running the suite is shared and slow at times: allow for that rather than flake.
const expect = baseExpect.configure({ timeout: 15_000 });
test.describe.configure({ timeout: 180_000 });

/**
 * Every CSP violation the page reports: the `securitypolicyviolation` event (listened to before any
 * script of the page runs) and Chromium's console message, which also covers blocked inline styles.
 */
async function recordViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("__cspViolation", (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { __cspViolation: (text: string) => void }).__cspViolation;
      void report(`${event.effectiveDirective} blocked ${event.blockedURI} at ${location.pathname}`);
    });
  });
  page.on("console", (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
  });
  return violations;
}

test("the main screens and the API docs raise no Content-Security-Policy violation (issue #14)", async ({
  page,
  api,
}) => {
  const violations = await recordViolations(page);
  const lead = await api.createLead({
    firstName: "Clara",
    lastName: `Policy ${unique()}`,
    companyName: "CSP AG",
  });

  const response = await page.goto("/leads");
  expect(response?.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  await expect(page.locator("main")).toBeVisible();
  await page.goto(`/leads/${lead.id}`);
  await expect(page.getByRole("region", { name: "Timeline" })).toBeVisible();
  for (const path of [
    "/contacts",
    "/companies",
    "/deals",
    "/deals/list",
    "/my-work",
    "/reports",
    "/settings/profile",
    "/settings/email",
  ]) {
    await page.goto(path);
    await expect(page.locator("main")).toBeVisible();
    await page.waitForLoadState("networkidle");
  }
  await page.goto("/calendar");
  await expect(page.locator(".fc")).toBeVisible();
  await page.waitForLoadState("networkidle");

  expect(violations).toEqual([]);

  const messages: string[] = [];
  page.on("console", (message) => messages.push(message.text()));
  page.on("pageerror", (error) => messages.push(String(error)));
  await page.goto("/api/docs/");
  await expect(page.getByRole("heading", { name: /Leadwerk/ }), messages.join("\n")).toBeVisible({
    timeout: 60_000,
  });
  expect(violations).toEqual([]);
});

test("the app refuses to be framed by another page", async ({ page }) => {
  const violations = await recordViolations(page);
  const frameUrl = new URL("/leads", test.info().project.use.baseURL).toString();
  await page.setContent(`<iframe id="victim" src="${frameUrl}"></iframe>`);
  // Chromium reports the refusal on the console of the framing page.
  await expect.poll(() => violations.join("\n") || "none").not.toBe("none");
  expect(violations.join("\n")).toMatch(/frame-ancestors|X-Frame-Options|refused/i);
});
