import { expect, type Page, test } from "@playwright/test";

// One person's first hour with a fresh installation, step by step on a single page; each step
// builds on the one before, so the file runs serially against an empty database.
test.describe.configure({ mode: "serial" });

const admin = { name: "Ada Admin", email: "ada@example.com", password: "first-admin-pass-1" };
const seller = {
  name: "Sam Seller",
  email: "sam@example.com",
  password: "seller-start-pass-1",
  newPassword: "seller-renewed-pass-2",
  thirdPassword: "seller-third-pass-3",
};
const teamName = "Vertrieb Nord";

let page: Page;

/** Inputs by their accessible name (Mantine's required asterisk is not part of it). */
const field = (name: string, scope: Pick<Page, "getByRole"> = page) =>
  scope.getByRole("textbox", { name, exact: true });

const screenshot = (name: string) =>
  page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

async function logIn(email: string, password: string, labels = { email: "Email", password: "Password" }) {
  await field(labels.email).fill(email);
  await field(labels.password).fill(password);
  await field(labels.password).press("Enter");
}

async function logOut(menuLabel: string, itemLabel: string) {
  await page.getByRole("button", { name: menuLabel }).click();
  await page.getByRole("menuitem", { name: itemLabel }).click();
  await expect(page).toHaveURL(/\/login$/);
}

async function pick(label: string, option: string) {
  await page.getByRole("dialog").getByRole("combobox", { name: label, exact: true }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}

test.beforeAll(async ({ browser }) => {
  page = await browser.newPage({ locale: "en-US", colorScheme: "light" });
});

test.afterAll(async () => {
  await page.close();
});

test("a new installation sends the visitor to setup, which creates the first admin", async () => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to Leadwerk" })).toBeVisible();

  await field("Name").fill(admin.name);
  await field("Email").fill(admin.email);
  await field("Password").fill(admin.password);
  await field("Confirm password").fill(admin.password);
  await page.getByRole("button", { name: "Create administrator" }).click();

  await expect(page).toHaveURL(/\/leads$/);
  await expect(page.getByRole("heading", { name: "Leads", level: 1 })).toBeVisible();
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  for (const item of [
    "Leads",
    "Contacts",
    "Companies",
    "Deals",
    "My work",
    "Calendar",
    "Reports",
    "Settings",
  ]) {
    await expect(nav.getByRole("link", { name: item })).toBeVisible();
  }
  await screenshot("app-shell-en");
});

test("the language switch turns the app German", async () => {
  await page.getByRole("radiogroup", { name: "Language" }).getByText("DE", { exact: true }).click();

  const nav = page.getByRole("navigation", { name: "Hauptnavigation" });
  await expect(nav.getByRole("link", { name: "Einstellungen" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Interessenten" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Interessenten", level: 1 })).toBeVisible();
  await screenshot("app-shell-de");
});

test("an admin creates a team and a sales user in it", async () => {
  await page.getByRole("link", { name: "Einstellungen" }).click();
  await page.getByRole("tab", { name: "Teams" }).click();
  await page.getByRole("button", { name: "Neues Team" }).click();
  const teamDialog = page.getByRole("dialog", { name: "Team anlegen" });
  await field("Teamname", teamDialog).fill(teamName);
  await teamDialog.getByRole("button", { name: "Anlegen" }).click();
  await expect(teamDialog).toBeHidden();
  await expect(page.getByRole("row", { name: new RegExp(teamName) })).toBeVisible();

  await page.getByRole("tab", { name: "Benutzer" }).click();
  await page.getByRole("button", { name: "Neuer Benutzer" }).click();
  const userDialog = page.getByRole("dialog", { name: "Benutzer anlegen" });
  await field("Name", userDialog).fill(seller.name);
  await field("E-Mail", userDialog).fill(seller.email);
  await field("Erstes Passwort", userDialog).fill(seller.password);
  await pick("Rolle", "Vertrieb");
  await pick("Team", teamName);
  await pick("Sprache", "English");
  await userDialog.getByRole("button", { name: "Anlegen" }).click();
  await expect(userDialog).toBeHidden();

  const row = page.getByRole("row", { name: new RegExp(seller.email) });
  await expect(row).toContainText("Vertrieb");
  await expect(row).toContainText(teamName);
  await expect(row).toContainText("Aktiv");
  await screenshot("settings-users");
});

test("after logout the login page rejects a wrong password beside the form", async () => {
  await logOut("Benutzermenü", "Abmelden");
  await expect(page.getByRole("heading", { name: "Anmelden" })).toBeVisible();
  await screenshot("login");

  await logIn(seller.email, "not-the-password", { email: "E-Mail", password: "Passwort" });
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("E-Mail oder Passwort ist falsch.");
  await expect(page).toHaveURL(/\/login$/);
});

test("a sales user gets their own language and no user administration", async () => {
  await logIn(seller.email, seller.password, { email: "E-Mail", password: "Passwort" });

  // The user was created with English, and a user's saved language wins after login.
  const nav = page.getByRole("navigation", { name: "Main navigation" });
  await expect(nav.getByRole("link", { name: "Settings" })).toBeVisible();
  await nav.getByRole("link", { name: "Settings" }).click();

  const sections = page.getByRole("tablist", { name: "Settings sections" });
  await expect(sections.getByRole("tab", { name: "API tokens" })).toBeVisible();
  await expect(sections.getByRole("tab", { name: "Users" })).toHaveCount(0);
  await expect(sections.getByRole("tab", { name: "Teams" })).toHaveCount(0);
});

test("a sales user creates an API token and sees it exactly once", async () => {
  await page.getByRole("tab", { name: "API tokens" }).click();
  await page.getByRole("button", { name: "New token" }).click();
  await field("Name", page.getByRole("dialog")).fill("Newsletter sync");
  await page.getByRole("dialog").getByRole("button", { name: "Create" }).click();

  const secretDialog = page.getByRole("dialog", { name: "Your new token" });
  const secret = await field("API token", secretDialog).inputValue();
  expect(secret.length).toBeGreaterThan(20);
  await expect(secretDialog.getByText("will not be shown again")).toBeVisible();
  await expect(secretDialog.getByRole("button", { name: "Copy token" })).toBeVisible();
  await screenshot("api-tokens");

  await secretDialog.getByRole("button", { name: "Done" }).click();
  await expect(secretDialog).toBeHidden();
  await expect(page.getByRole("row", { name: /Newsletter sync/ })).toBeVisible();
  await expect(page.getByText(secret)).toHaveCount(0);
});

test("a changed password is the one that logs in next time", async () => {
  await page.getByRole("tab", { name: "Password" }).click();
  const current = field("Current password");

  await current.fill("not-my-password");
  await field("New password").fill(seller.newPassword);
  await field("Confirm new password").fill(seller.newPassword);
  await page.getByRole("button", { name: "Change password" }).click();
  // The server's field error lands beside the field, and the typed values stay.
  await expect(current).toHaveAttribute("aria-invalid", "true");
  await expect(current).toHaveAccessibleDescription(/\S/);
  await expect(field("New password")).toHaveValue(seller.newPassword);

  await current.fill(seller.password);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password has been changed.")).toBeVisible();

  await logOut("User menu", "Log out");
  await logIn(seller.email, seller.newPassword);
  // Since #18 the start page after login is the dashboard (it was the lead list).
  await expect(page.getByRole("heading", { name: "Dashboard", level: 1 })).toBeVisible();
});

test("a password change can also revoke the user's API tokens", async () => {
  await page.goto("/settings/password");
  await field("Current password").fill(seller.newPassword);
  await field("New password").fill(seller.thirdPassword);
  await field("Confirm new password").fill(seller.thirdPassword);
  await page.getByRole("checkbox", { name: "Also revoke my API tokens" }).check();
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(
    page.getByText("Your password has been changed and your API tokens have been revoked."),
  ).toBeVisible();
  await expect(page.getByRole("checkbox", { name: "Also revoke my API tokens" })).not.toBeChecked();

  await page.getByRole("tab", { name: "API tokens" }).click();
  await expect(page.getByRole("row", { name: /Newsletter sync/ })).toHaveCount(0);
});

test("an unknown address shows the not-found page inside the app", async () => {
  await page.goto("/no-such-page");
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main navigation" })).toBeVisible();
  await screenshot("not-found");
});
