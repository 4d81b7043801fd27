import { mkdirSync, writeFileSync } from "node:fs";
import { PNG } from "pngjs";
import { startSmtpSink } from "../test/smtp-sink";
import { closeNotifications, expect, screenshot, test, unique } from "./fixtures";

/**
 * Issue #19 as a new user would try it: from a deal, add two products and a free line with a
 * discount, preview, send to the contact (received by a real SMTP server), accept, see the deal won,
 * turn it into an invoice, mark it paid; then find quote, invoice and email in the company file.
 */
test("a quote from a deal: products and a free line, sent by email, accepted, invoiced, paid, in the company file", async ({
  page,
  api,
}) => {
  test.setTimeout(150_000);
  const sink = await startSmtpSink();
  try {
    const tag = unique();
    await api.send("PUT", "/settings/email", {
      smtp: {
        host: "127.0.0.1",
        port: sink.port,
        security: "none",
        from: "vertrieb@leadwerk.test",
        fromName: "Vertrieb",
      },
    });
    await api.send("PUT", "/settings/letterhead", {
      companyName: "Leadwerk Demo GmbH",
      street: "Musterweg 1",
      postalCode: "10115",
      city: "Berlin",
      vatId: "DE123456789",
      bankName: "Berliner Bank",
      iban: "DE02 1001 0010 0006 8201 01",
    });
    const company = await api.send<{ id: string; name: string }>("POST", "/companies", {
      name: `Brauerei Huber ${tag} GmbH`,
      billingAddress: { street: "Bahnhofstraße 12", postalCode: "80335", city: "München" },
    });
    const contact = await api.send<{ id: string }>("POST", "/contacts", {
      salutation: "Herr",
      firstName: "Josef",
      lastName: "Huber",
      email: `josef.huber.${tag}@example.org`,
      companyId: company.id,
    });
    const deal = await api.send<{ id: string; title: string }>("POST", "/deals", {
      title: `Brauerei-CRM ${tag}`,
      companyId: company.id,
      contacts: [{ contactId: contact.id }],
    });
    await api.send("POST", "/products", {
      name: `CRM-Lizenz ${tag}`,
      sku: `LIZ-${tag}`,
      unit: "Lizenz",
      netPrice: { amount: "49.90", currency: "EUR" },
      vatRate: "19",
    });
    await api.send("POST", "/products", {
      name: `Einrichtung ${tag}`,
      sku: `EIN-${tag}`,
      description: "Installation und Schulung vor Ort",
      unit: "Tag",
      netPrice: { amount: "980.00", currency: "EUR" },
      vatRate: "19",
    });

    // Settings → Letterhead: a logo, the register and a note on the 0 % rate through the page.
    await page.goto("/settings/letterhead");
    const logo = new PNG({ width: 120, height: 40 });
    for (let i = 0; i < logo.data.length; i += 4) logo.data.set([0x1c, 0x7e, 0xd6, 0xff], i);
    await page.locator('input[type="file"]').setInputFiles({
      name: "logo.png",
      mimeType: "image/png",
      buffer: PNG.sync.write(logo),
    });
    await expect(page.getByRole("img", { name: "Current logo" })).toBeVisible();
    await page
      .getByRole("textbox", { name: "Register court and number" })
      .fill("Amtsgericht Berlin HRB 98765");
    await page.getByRole("textbox", { name: "BIC" }).fill("pbnkdeff");
    await page.getByRole("textbox", { name: "Note 0 %" }).fill("Steuerfreie Ausfuhrlieferung");
    await page.getByRole("button", { name: "Save", exact: true }).first().click();
    await expect(page.getByText("Letterhead saved")).toBeVisible();
    await expect(page.getByRole("textbox", { name: "BIC" })).toHaveValue("PBNKDEFF");
    await closeNotifications(page);
    await screenshot(page, "quotes-letterhead-en", true);
    const preview = await page.request.get("/api/v1/settings/letterhead/preview.pdf?locale=de");
    expect(preview.headers()["content-type"]).toBe("application/pdf");
    mkdirSync("test-results/pdf", { recursive: true });
    writeFileSync("test-results/pdf/e2e-letterhead-preview-de.pdf", await preview.body());

    // The English formal quote email: the total added, an unknown placeholder refused by field first.
    const templates = page.getByRole("region", { name: "Quote emails" });
    await templates.getByText("English · formal", { exact: true }).click();
    const subject = templates.getByRole("textbox", { name: "Subject" });
    await subject.fill("Quote {{quoteNumber}} from {{companyName}} for {{customer}}");
    await templates.getByRole("button", { name: "Save" }).click();
    await expect(
      templates.getByText("Unknown placeholder {{customer}}; use one of the listed ones"),
    ).toBeVisible();
    await subject.fill("Quote {{quoteNumber}} from {{companyName}} for {{customerCompany}}");
    const text = templates.getByRole("textbox", { name: "Text" });
    await text.fill("{{greeting}}\n\nour quote {{quoteNumber}} is attached. Total: ");
    await templates.getByRole("button", { name: "{{total}}" }).click();
    await templates.getByRole("button", { name: "Preview" }).click();
    await expect(templates.getByRole("region", { name: "Preview with sample values" })).toContainText(
      "Total: €1,234.50",
    );
    await templates.getByRole("button", { name: "Save" }).click();
    await expect(page.getByText("Quote emails saved")).toBeVisible();
    await closeNotifications(page);
    await screenshot(page, "quotes-email-templates-en", true);

    await page.goto("/settings/products");
    await expect(page.getByRole("table", { name: "Products and price list" })).toContainText(
      `CRM-Lizenz ${tag}`,
    );
    await screenshot(page, "quotes-products-en");

    await page.goto(`/deals/${deal.id}`);
    const quotes = page.getByRole("region", { name: "Quotes" });
    await quotes.getByRole("button", { name: "New quote" }).click();
    const editor = page.getByRole("dialog", { name: /^(New quote|Edit draft quote)$/ });
    for (const name of [`CRM-Lizenz ${tag}`, `Einrichtung ${tag}`]) {
      await editor.getByRole("combobox", { name: "Add product …" }).click();
      await page.getByRole("option", { name: `${name} (`, exact: false }).click();
    }
    await editor.getByRole("textbox", { name: "Quantity" }).first().fill("10");
    await expect(editor.getByRole("textbox", { name: "Description" }).nth(1)).toHaveValue(
      `Einrichtung ${tag}\nInstallation und Schulung vor Ort`,
    );
    await editor.getByRole("button", { name: "Free line" }).click();
    await editor.getByRole("textbox", { name: "Description" }).nth(2).fill("Schulung vor Ort");
    await editor.getByRole("textbox", { name: "Unit price" }).nth(2).fill("1,200.00");
    await editor.getByRole("textbox", { name: "Discount %" }).nth(2).fill("10");
    // 10 × 49.90 + 980.00 + 1,200.00 less 10 % = 2,559.00 net; 19 % VAT 486.21; 3,045.21 gross
    await expect(editor.getByTestId("total-net")).toHaveText("€2,559.00");
    await expect(editor.getByTestId("total-gross")).toHaveText("€3,045.21");
    // The validity from Mantine's calendar, typed as an English user writes a day.
    const validUntil = editor.getByRole("textbox", { name: "Valid until" });
    await validUntil.click();
    await screenshot(page, "quotes-editor-datepicker-en");
    await validUntil.fill("31 Dec 2099");
    await editor.getByRole("textbox", { name: "Introduction" }).click();
    await expect(validUntil).toHaveValue("31 Dec 2099");
    await editor.getByRole("button", { name: "Save draft" }).click();
    await expect(editor.getByRole("link", { name: "Preview PDF" })).toBeVisible({ timeout: 15_000 });
    await closeNotifications(page);
    await screenshot(page, "quotes-editor-en");
    await editor.getByRole("button", { name: "Close" }).last().click();

    await quotes.getByRole("button", { name: "Actions for Draft" }).click();
    await page.getByRole("menuitem", { name: "Send" }).click();
    const send = page.getByRole("dialog", { name: "Send quote" });
    await send.getByRole("button", { name: "Send" }).click();
    await expect(quotes.getByRole("cell", { name: /^AN-\d{4}-\d{4}$/ })).toBeVisible();
    const number = (await quotes.getByRole("cell", { name: /^AN-\d{4}-\d{4}$/ }).textContent()) ?? "";

    await expect(quotes.getByRole("cell", { name: "31 Dec 2099" })).toBeVisible();

    const [mail] = await sink.waitFor(1, 30_000);
    expect(mail?.envelope.to).toEqual([`josef.huber.${tag}@example.org`]);
    expect(mail?.parsed.attachments[0]?.contentType).toBe("application/pdf");
    expect(mail?.parsed.subject).toBe(`Quote ${number} from Leadwerk Demo GmbH for ${company.name}`);
    expect(mail?.parsed.text).toMatch(
      /^Dear Mr Huber,\n\nour quote AN-\d{4}-\d{4} is attached\. Total: €3,045\.21/,
    );

    await quotes.getByRole("button", { name: `Actions for ${number}` }).click();
    await page.getByRole("menuitem", { name: "Accept" }).click();
    await page.getByRole("dialog", { name: "Accept quote" }).getByRole("button", { name: "Accept" }).click();
    await expect(quotes.getByText("Accepted")).toBeVisible();
    await expect(page.getByText("Won", { exact: true }).first()).toBeVisible();

    await quotes.getByRole("button", { name: `Actions for ${number}` }).click();
    await page.getByRole("menuitem", { name: "Create invoice" }).click();
    const createInvoice = page.getByRole("dialog", { name: "Create invoice" });
    await expect(createInvoice.getByRole("textbox", { name: "Due date" })).toHaveValue(
      /^\d{1,2} \w{3} \d{4}$/,
    );
    await createInvoice.getByRole("button", { name: "Create invoice" }).click();
    const invoices = quotes.getByRole("table", { name: "Invoices" });
    await expect(invoices.getByRole("cell", { name: /^RE-\d{4}-\d{4}$/ })).toBeVisible();
    await invoices.getByRole("button", { name: "Record payment" }).click();
    const payment = page.getByRole("dialog", { name: /^Payment for RE-/ });
    await payment.getByRole("textbox", { name: "Note" }).fill("Bank transfer 4711");
    await page
      .getByRole("dialog", { name: /^Payment for RE-/ })
      .getByRole("button", { name: "Record" })
      .click();
    await expect(invoices.getByText("Paid", { exact: true })).toBeVisible();
    await closeNotifications(page);
    await screenshot(page, "quotes-deal-en", true);

    // Both PDFs, kept for looking at (pdftoppm turns them into PNGs).
    const quoteId = (await api.send<{ data: { id: string }[] }>("GET", `/quotes?dealId=${deal.id}`)).data[0]
      ?.id;
    const invoiceId = (await api.send<{ data: { id: string }[] }>("GET", `/invoices?dealId=${deal.id}`))
      .data[0]?.id;
    mkdirSync("test-results/pdf", { recursive: true });
    for (const [name, url] of [
      ["e2e-quote-de", `/api/v1/quotes/${quoteId}/pdf?locale=de`],
      ["e2e-quote-en", `/api/v1/quotes/${quoteId}/pdf?locale=en`],
      ["e2e-invoice-de", `/api/v1/invoices/${invoiceId}/pdf?locale=de`],
    ] as const) {
      const pdf = await page.request.get(url);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      writeFileSync(`test-results/pdf/${name}.pdf`, await pdf.body());
    }

    await page.goto(`/companies/${company.id}`);
    const panel = page.getByRole("region", { name: "Quotes and emails", exact: true });
    const documents = panel.getByRole("region", { name: "Quotes and invoices", exact: true });
    await expect(documents.getByRole("link", { name: number })).toBeVisible();
    await expect(documents.getByRole("link", { name: /^RE-\d{4}-\d{4}$/ })).toBeVisible();
    await expect(documents.getByTestId("company-revenue")).toHaveText("€2,559.00");
    const emails = panel.getByRole("region", { name: "Emails", exact: true });
    await expect(emails).toContainText(`Quote ${number} from Leadwerk Demo GmbH`);
    await screenshot(page, "quotes-company-file-en", true);

    await api.send("PATCH", "/me", { locale: "de" });
    await page.goto(`/deals/${deal.id}`);
    await page
      .getByRole("region", { name: "Angebote" })
      .getByRole("button", { name: "Neues Angebot" })
      .click();
    const german = page.getByRole("dialog", { name: "Neues Angebot" });
    await german.getByRole("combobox", { name: "Produkt hinzufügen …" }).click();
    await page.getByRole("option", { name: `CRM-Lizenz ${tag} (`, exact: false }).click();
    await german.getByRole("textbox", { name: "Menge" }).first().fill("12,5");
    await expect(german.getByTestId("total-net")).toHaveText("623,75 €");
    // DIN 5008: the validity shows as 23.12.2026 and is typed so.
    const gueltig = german.getByRole("textbox", { name: "Gültig bis" });
    await expect(gueltig).toHaveValue(/^\d{2}\.\d{2}\.\d{4}$/);
    await gueltig.fill("23.12.2099");
    await german.getByRole("textbox", { name: "Einleitung" }).click();
    await expect(gueltig).toHaveValue("23.12.2099");
    await gueltig.click();
    await screenshot(page, "quotes-editor-de");
    await page.goto("/settings/letterhead");
    await expect(page.getByRole("textbox", { name: "Registergericht und -nummer" })).toHaveValue(
      "Amtsgericht Berlin HRB 98765",
    );
    await screenshot(page, "quotes-letterhead-de", true);
    await page.goto("/settings/products");
    await expect(page.getByRole("table", { name: "Produkte und Preisliste" })).toContainText(
      `CRM-Lizenz ${tag}`,
    );
    await screenshot(page, "quotes-products-de");
    await page.goto(`/companies/${company.id}`);
    await expect(page.getByRole("region", { name: "Angebote und Rechnungen", exact: true })).toBeVisible();
    await screenshot(page, "quotes-company-file-de", true);
    await api.send("PATCH", "/me", { locale: "en" });
  } finally {
    await sink.close();
  }
});
