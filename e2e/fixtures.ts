import { type APIRequestContext, test as base, expect, type Locator, type Page } from "@playwright/test";

/** The first admin foundation.spec.ts creates; a spec run on its own creates the same one. */
export const ADMIN = { name: "Ada Admin", email: "ada@example.com", password: "first-admin-pass-1" };

type StorageState = Awaited<ReturnType<APIRequestContext["storageState"]>>;
type Json = Record<string, unknown>;

/** Calls the API as the logged-in admin, with the CSRF token the session hands out. */
export class Api {
  constructor(
    private readonly request: APIRequestContext,
    private readonly csrfToken: string,
  ) {}

  async send<T = Json>(
    method: "GET" | "POST" | "PATCH" | "PUT" | "DELETE",
    path: string,
    data?: Json,
  ): Promise<T> {
    const response = await this.request.fetch(`/api/v1${path}`, {
      method,
      data,
      headers: { "X-CSRF-Token": this.csrfToken },
    });
    expect(response.ok(), `${method} ${path} → ${response.status()} ${await response.text()}`).toBe(true);
    return (response.status() === 204 ? {} : await response.json()) as T;
  }

  createLead(data: Json) {
    return this.send<{ id: string; version: number }>("POST", "/leads", data);
  }

  me() {
    return this.send<{ user: { id: string; name: string } }>("GET", "/me");
  }
}

/** A short token that keeps names from colliding with other tests on the shared database. */
export const unique = () => Math.random().toString(36).slice(2, 8);

interface Fixtures {
  api: Api;
}

interface WorkerFixtures {
  adminState: StorageState;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  // One login per worker: the login endpoint allows only a few attempts a minute per account.
  adminState: [
    async ({ playwright }, use, workerInfo) => {
      const request = await playwright.request.newContext({ baseURL: workerInfo.project.use.baseURL });
      const status = await (await request.get("/api/v1/setup")).json();
      if (status.needsSetup) {
        const setup = await request.post("/api/v1/setup", { data: { ...ADMIN, locale: "en" } });
        expect(setup.ok()).toBe(true);
      } else {
        const login = await request.post("/api/v1/auth/login", {
          data: { email: ADMIN.email, password: ADMIN.password },
        });
        expect(login.ok(), await login.text()).toBe(true);
      }
      await use(await request.storageState());
      await request.dispose();
    },
    { scope: "worker" },
  ],
  storageState: async ({ adminState }, use) => use(adminState),
  locale: "en-US",
  colorScheme: "light",
  viewport: { width: 1440, height: 900 },
  api: async ({ page }, use) => {
    const session = await (await page.request.get("/api/v1/me")).json();
    const api = new Api(page.request, session.csrfToken);
    // A user's saved language wins after login; foundation.spec.ts leaves the admin on German.
    await api.send("PATCH", "/me", { locale: "en" });
    await use(api);
  },
});

export { expect };

export const screenshot = (page: Page, name: string, fullPage = false) =>
  page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage });

/** Notifications fade after a few seconds; a screenshot should not wait for that or show them. */
export async function closeNotifications(page: Page) {
  const notifications = page.locator(".mantine-Notification-root");
  // One at a time, and tolerant: a notification may fade out on its own between count and click.
  await expect(async () => {
    const open = await notifications.count();
    if (open > 0) {
      await notifications
        .first()
        .getByRole("button", { name: "Close" })
        .click({ timeout: 1_000 })
        .catch(() => undefined);
    }
    await expect(notifications).toHaveCount(0, { timeout: 500 });
  }).toPass({ timeout: 15_000 });
}

/** Picks an option of a Mantine Select by the input's label (options render in a portal). */
export async function pick(page: Page, scope: Locator | Page, label: string, option: string) {
  await scope.getByRole("combobox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}
