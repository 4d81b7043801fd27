import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "@playwright/test";
import { closeNotifications, expect, pick, screenshot, test, unique } from "./fixtures";

/** A customer's plain website on another port: serves whatever page the test hands it. */
async function customerSite(): Promise<{
  origin: string;
  setPage: (html: string) => void;
  close: () => Promise<void>;
}> {
  let html = "<!doctype html><title>empty</title>";
  const server: Server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    setPage: (next) => {
      html = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A visitor fills the embedded form (German labels: the customer's page is German). */
async function fillEmbedded(
  visitor: Page,
  person: { first: string; last: string; email: string },
  interest = "Bitte rufen Sie mich am Messestand an – <b>nicht fett</b>",
) {
  const frame = visitor.frameLocator("iframe");
  await frame.getByLabel("Vorname").fill(person.first);
  await frame.getByLabel("Nachname").fill(person.last);
  await frame.getByLabel("E-Mail").fill(person.email);
  await frame.getByLabel("Ihr Anliegen").fill(interest);
  await frame.getByRole("checkbox").check();
}

test("a form built in Settings, embedded on another site, brings in one routed lead with consent; a known contact's submission links", async ({
  page,
  api,
  browser,
}) => {
  test.setTimeout(90_000);
  const tag = unique();
  const team = await api.send<{ id: string; name: string }>("POST", "/teams", { name: `Messe-Team ${tag}` });
  const seller = await api.send<{ id: string; name: string }>("POST", "/users", {
    name: `Mara Messe ${tag}`,
    email: `mara-${tag}@example.com`,
    password: "seller-start-pass-1",
    role: "sales",
    teamId: team.id,
  });
  await api.send("PATCH", "/settings", { roundRobin: { enabled: true, teamIds: [team.id] } });
  const site = await customerSite();

  try {
    // The admin builds "Messe-Anmeldung".
    await page.goto("/settings/forms");
    await page.getByRole("link", { name: "New form" }).click();
    const builder = page.getByRole("form", { name: "Edit form" });
    await builder.getByRole("textbox", { name: "Name", exact: true }).fill(`Messe-Anmeldung ${tag}`);
    await pick(page, builder, "Team", team.name);
    await builder.getByTestId("field-interest").getByRole("textbox", { name: "German" }).fill("Ihr Anliegen");
    await builder
      .getByTestId("field-interest")
      .getByRole("textbox", { name: "English" })
      .fill("Your request");
    await builder.getByRole("textbox", { name: "Privacy policy version" }).fill("2026-01");
    await builder.getByRole("combobox", { name: "Allowed websites (origins)" }).fill(site.origin);
    await builder.getByRole("combobox", { name: "Allowed websites (origins)" }).press("Enter");
    await builder.getByRole("textbox", { name: "Minimum fill time (seconds)" }).fill("1");
    // The preview follows the builder.
    await expect(page.getByLabel("Preview").getByText("Your request")).toBeVisible();
    await expect(page.getByLabel("Preview").getByText(`Messe-Anmeldung ${tag}`)).toBeVisible();
    await screenshot(page, "intake-form-builder", true);
    await builder.getByRole("button", { name: "Create" }).click();
    await expect(page).toHaveURL(/\/settings\/forms\/[0-9a-f-]{36}$/);
    await closeNotifications(page);
    const snippet = (await page.getByTestId("embed-snippet").textContent()) ?? "";
    expect(snippet).toContain("/f/embed.js");
    await page.getByRole("button", { name: "Copy code" }).click();
    await expect(page.getByRole("button", { name: "Copied" })).toBeVisible();
    await screenshot(page, "intake-form-embed", true);

    site.setPage(`<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Kunde GmbH</title></head>
<body><h1>Kunde GmbH – Messe Hannover</h1>${snippet}</body></html>`);

    // The lead list is open while the visitor sends the form: the lead appears by itself.
    await page.goto(`/leads?sourceDetail=${encodeURIComponent(`Messe-Anmeldung ${tag}`)}`);
    await expect(page.getByRole("heading", { name: "Leads", level: 1 })).toBeVisible();

    const visitorContext = await browser.newContext({ locale: "de-DE" });
    const visitor = await visitorContext.newPage();
    const email = `lena.lang-${tag}@example.com`;
    await visitor.goto(`${site.origin}/?utm_source=messe&utm_campaign=hannover`);
    await fillEmbedded(visitor, { first: "Lena", last: `Lang ${tag}`, email });
    await visitor.waitForTimeout(1_100); // the form's minimum fill time
    await screenshot(visitor, "intake-hosted-form-de", true);
    await visitor.frameLocator("iframe").getByRole("button", { name: "Absenden" }).click();
    await expect(visitor.frameLocator("iframe").getByText("Vielen Dank!")).toBeVisible();

    await expect(page.getByRole("link", { name: `Lena Lang ${tag}`, exact: true })).toBeVisible({
      timeout: 15_000,
    });

    // Twice: the same person again (with a second question) makes no second lead.
    await visitor.goto(`${site.origin}/`);
    await fillEmbedded(
      visitor,
      { first: "Lena", last: `Lang ${tag}`, email },
      "Und bitte ein Angebot schicken",
    );
    await visitor.waitForTimeout(1_100);
    await visitor.frameLocator("iframe").getByRole("button", { name: "Absenden" }).click();
    await expect(visitor.frameLocator("iframe").getByText("Vielen Dank!")).toBeVisible();
    await page.reload();
    await expect(page.getByRole("link", { name: `Lena Lang ${tag}`, exact: true })).toHaveCount(1);

    // The lead: source detail, routed owner, consent and the UTM values on its timeline.
    await page
      .getByRole("link", { name: new RegExp(`Lena Lang ${tag}`) })
      .first()
      .click();
    await expect(page.getByRole("heading", { name: `Lena Lang ${tag}`, level: 1 })).toBeVisible();
    await expect(page.getByText(`Web form · Messe-Anmeldung ${tag}`, { exact: true })).toBeVisible();
    await expect(page.getByRole("combobox", { name: "Owner" })).toHaveValue(seller.name);
    await expect(page.getByText(`Came in via Web form: Messe-Anmeldung ${tag}`)).toBeVisible();
    await expect(page.getByText(`Came in again via Web form: Messe-Anmeldung ${tag}`)).toBeVisible();
    await expect(page.getByText("Consent given (version 2026-01)").first()).toBeVisible();
    await expect(page.getByText("UTM: utm_source=messe, utm_campaign=hannover")).toBeVisible();
    await expect(page.getByText("Interest: Und bitte ein Angebot schicken")).toBeVisible();
    // What the public typed is shown as text, never as markup.
    await expect(page.getByText("Bitte rufen Sie mich am Messestand an – <b>nicht fett</b>")).toBeVisible();
    await screenshot(page, "intake-lead", true);

    // The hosted page itself in English, without the website around it.
    const form = await api.send<{ data: { key: string; name: string }[] }>("GET", "/forms?limit=200");
    const key = form.data.find((f) => f.name === `Messe-Anmeldung ${tag}`)?.key ?? "";
    await visitor.goto(`${page.url().split("/leads")[0]}/f/${key}?lang=en`);
    await expect(visitor.getByLabel("Last name")).toBeVisible();
    await screenshot(visitor, "intake-hosted-form-en", true);
    await visitor.goto(`${page.url().split("/leads")[0]}/f/${key}`);
    await expect(visitor.getByRole("button", { name: "Absenden" })).toBeVisible();
    await screenshot(visitor, "intake-hosted-form-de-page", true);

    // A known contact submits: the new lead is linked to the contact.
    const contactEmail = `karl.kunde-${tag}@example.com`;
    await api.send("POST", "/contacts", { firstName: "Karl", lastName: `Kunde ${tag}`, email: contactEmail });
    await visitor.goto(`${site.origin}/`);
    await fillEmbedded(visitor, { first: "Karl", last: `Kunde ${tag}`, email: contactEmail });
    await visitor.waitForTimeout(1_100);
    await visitor.frameLocator("iframe").getByRole("button", { name: "Absenden" }).click();
    await expect(visitor.frameLocator("iframe").getByText("Vielen Dank!")).toBeVisible();
    await visitorContext.close();

    await page.goto("/settings/intake");
    const linked = page.getByRole("row", { name: new RegExp(`Karl Kunde ${tag}`) });
    await expect(linked).toContainText("Linked to contact");
    const lena = page.getByRole("row", { name: new RegExp(`Lena Lang ${tag}`) });
    await expect(lena.filter({ hasText: "Created" })).toHaveCount(1);
    await expect(lena.filter({ hasText: "Added to open lead" })).toHaveCount(1);
    await screenshot(page, "intake-view", true);
    await page.getByRole("radiogroup", { name: "Filter by outcome" }).getByText("Linked to contact").click();
    await expect(page.getByRole("row", { name: new RegExp(`Lena Lang ${tag}`) })).toHaveCount(0);
    await expect(linked).toBeVisible();

    // The same screens as a German salesperson's admin sees them.
    await api.send("PATCH", "/me", { locale: "de" });
    await page.goto("/settings/intake");
    await expect(page.getByRole("heading", { name: "Eingang", level: 2 })).toBeVisible();
    await expect(linked).toContainText("Mit Kontakt verknüpft");
    await screenshot(page, "intake-view-de", true);
    await page.goto("/settings/forms");
    await page.getByRole("link", { name: `Messe-Anmeldung ${tag}` }).click();
    await expect(page.getByRole("form", { name: "Formular bearbeiten" })).toBeVisible();
    await screenshot(page, "intake-form-builder-de", true);
    await api.send("PATCH", "/me", { locale: "en" });
  } finally {
    await api.send("PATCH", "/settings", { roundRobin: { enabled: false, teamIds: [] } });
    await site.close();
  }
});
