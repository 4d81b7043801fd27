import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { type Api, expect, test, unique } from "./fixtures";

/**
 * Issue #15 point 7: axe finds nothing serious or critical on any main screen, in the light and the
 * dark theme. The worker's one login, then each screen is opened by address and checked once it has
 * settled; the failure lists each finding's rule, targets and (for contrast) the measured colours.
 */

type Group = "records" | "work" | "settings";

interface Screen {
  name: string;
  path: string;
  /** What shows once the screen has its data; the page's first heading when left out. */
  ready?: (page: Page) => ReturnType<Page["getByRole"]>;
  /** Something to open after loading, e.g. the new-lead form. */
  open?: (page: Page) => Promise<void>;
}

/** Findings at these impacts fail the test; minor and moderate ones are left to judgement. */
const FAILING = new Set(["serious", "critical"]);

async function findings(page: Page, colorScheme: "light" | "dark") {
  const axe = new AxeBuilder({ page });
  const result = await (colorScheme === "dark"
    ? // Only colours change with the theme; the other rules ran on the light one (and axe is slow).
      axe.withRules(["color-contrast"])
    : // Off by default in axe (experimental), but issue #15 names it: a visible label must be part of
      // the accessible name, or voice control ("click Ada Admin") does not find the control.
      axe.options({ rules: { "label-content-name-mismatch": { enabled: true } } })
  ).analyze();
  return result.violations
    .filter((violation) => FAILING.has(violation.impact ?? ""))
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.nodes
          .slice(0, 5)
          .map((node) => {
            // For contrast, the colours axe measured say at once which theme colour is too weak.
            const data = node.any[0]?.data as { fgColor?: string; bgColor?: string; contrastRatio?: number };
            const colours = data?.fgColor
              ? ` (${data.fgColor} on ${data.bgColor}: ${data.contrastRatio})`
              : "";
            return `${node.target.join(" ")}${colours}`;
          })
          .join(" | ")}${violation.nodes.length > 5 ? ` (+${violation.nodes.length - 5} more)` : ""}`,
    );
}

/** A company with a contact, a lead, a deal and a meeting today, so every screen has something to show. */
async function seedScreens(api: Api): Promise<Record<Group, Screen[]>> {
  const tag = unique();
  const company = await api.send<{ id: string }>("POST", "/companies", { name: `Barriere GmbH ${tag}` });
  const contact = await api.send<{ id: string }>("POST", "/contacts", {
    firstName: "Lene",
    lastName: `Lesbar ${tag}`,
    companyId: company.id,
  });
  const lead = await api.createLead({
    firstName: "Kai",
    lastName: `Kontrast ${tag}`,
    companyName: "Kontrast AG",
  });
  const deal = await api.send<{ id: string }>("POST", "/deals", {
    title: `Zugang ${tag}`,
    companyId: company.id,
    contacts: [{ contactId: contact.id }],
    amount: { amount: "12500.00", currency: "EUR" },
  });
  // Today, so the calendar's week view shows it whatever the weekday.
  const today = new Date();
  await api.send("POST", "/activities", {
    type: "meeting",
    subject: `Termin ${tag}`,
    leadId: lead.id,
    startsAt: new Date(today.setUTCHours(11, 0, 0, 0)).toISOString(),
    endsAt: new Date(today.setUTCHours(12, 0, 0, 0)).toISOString(),
  });

  return {
    records: [
      { name: "dashboard", path: "/" },
      { name: "lead list", path: "/leads", ready: (p) => p.getByRole("row", { name: new RegExp(tag) }) },
      {
        name: "new lead form",
        path: "/leads",
        open: async (p) => {
          await p.getByRole("button", { name: "New lead" }).first().click();
        },
        ready: (p) => p.getByRole("dialog", { name: "New lead" }),
      },
      { name: "lead detail", path: `/leads/${lead.id}` },
      {
        name: "contact list",
        path: "/contacts",
        ready: (p) => p.getByRole("row", { name: new RegExp(tag) }),
      },
      { name: "contact page", path: `/contacts/${contact.id}` },
      {
        name: "company list",
        path: "/companies",
        ready: (p) => p.getByRole("row", { name: new RegExp(tag) }),
      },
      { name: "company file", path: `/companies/${company.id}` },
    ],
    work: [
      { name: "deal list", path: "/deals/list", ready: (p) => p.getByRole("row", { name: new RegExp(tag) }) },
      { name: "board", path: "/deals" },
      { name: "deal page with quotes", path: `/deals/${deal.id}` },
      { name: "calendar", path: "/calendar", ready: (p) => p.getByText(`Termin ${tag}`).first() },
      { name: "my work", path: "/my-work" },
      { name: "reports", path: "/reports" },
    ],
    settings: [
      { name: "settings: profile", path: "/settings/profile" },
      { name: "settings: users", path: "/settings/users" },
      { name: "settings: teams", path: "/settings/teams" },
      { name: "settings: leads", path: "/settings/leads" },
      { name: "settings: pipelines", path: "/settings/pipelines" },
      { name: "settings: products", path: "/settings/products" },
      { name: "settings: permissions", path: "/settings/permissions" },
      { name: "settings: email", path: "/settings/email" },
    ],
  };
}

/** Three tests per theme rather than one, so each stays far from its time limit on a busy machine. */
const GROUPS: Group[] = ["records", "work", "settings"];

for (const colorScheme of ["light", "dark"] as const) {
  for (const group of GROUPS) {
    test(`axe finds nothing serious or critical, ${colorScheme} theme: ${group}`, async ({ page, api }) => {
      // Up to 20 s a screen when the two cores are shared by many test runs; about 8 screens.
      test.setTimeout(300_000);
      const screens = (await seedScreens(api))[group];
      await page.emulateMedia({ colorScheme });
      for (const screen of screens) {
        await page.goto(screen.path);
        await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible({ timeout: 15_000 });
        if (screen.open) await screen.open(page);
        if (screen.ready) await expect(screen.ready(page)).toBeVisible({ timeout: 15_000 });
        // Data still loading shows skeletons and loaders, which axe would judge instead of the screen.
        await expect(page.locator(".mantine-Skeleton-root, .mantine-Loader-root")).toHaveCount(0, {
          timeout: 15_000,
        });
        // A dialog still fading in is judged half transparent over the dimmed page (a flaky 3.5:1 on
        // the new lead form's help texts): let every finite transition and animation end first.
        await page.waitForFunction(() =>
          document
            .getAnimations()
            .every(
              (a) =>
                a.playState !== "running" || a.effect?.getTiming().iterations === Number.POSITIVE_INFINITY,
            ),
        );
        const found = await findings(page, colorScheme);
        // Soft: every screen is checked and reported, not only the first with a finding.
        expect.soft(found, `${colorScheme} ${screen.name}:\n${found.join("\n")}`).toEqual([]);
      }
    });
  }
}
