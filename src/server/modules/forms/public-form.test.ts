import { intakeLog, leadConsents, leads, mailOutbox } from "@server/db/schema";
import { buildTestApp, type TestApp } from "@test/app";
import { signedIn } from "@test/lead-helpers";
import { and, eq, sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOI_PENDING_TAG, expireUnconfirmed } from "./double-opt-in";
import { formSecret, startToken } from "./form-secret";

let t: TestApp;
let admin: Awaited<ReturnType<typeof signedIn>>["client"];
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signedIn(t, "admin", null)).client;
});
afterAll(() => t.close());

let n = 0;
const FIELDS = [
  { field: "firstName", label: { de: "Vorname", en: "First name" }, required: false },
  { field: "lastName", label: { de: "Nachname", en: "Last name" }, required: true },
  { field: "email", label: { de: "E-Mail", en: "Email" }, required: true },
  { field: "interest", label: { de: "Ihr Anliegen", en: "Your request" }, required: false },
];

async function makeForm(overrides: Record<string, unknown> = {}) {
  const res = await admin.post("/api/v1/forms", {
    name: `Messe-Anmeldung ${++n}`,
    fields: FIELDS,
    consentText: { de: "Ich willige ein.", en: "I agree." },
    policyVersion: "2026-01",
    allowedOrigins: ["https://www.kunde.example"],
    minFillSeconds: 0,
    ...overrides,
  });
  expect(res.statusCode).toBe(201);
  return res.json() as { id: string; key: string; name: string };
}

const submit = (
  key: string,
  payload: unknown,
  headers: Record<string, string> = {},
  app: FastifyInstance = t.app,
  remoteAddress = "203.0.113.7",
) =>
  app.inject({
    method: "POST",
    url: `/api/v1/public/forms/${key}`,
    headers: { "content-type": "application/json", ...headers },
    payload: typeof payload === "string" || Buffer.isBuffer(payload) ? payload : JSON.stringify(payload),
    remoteAddress,
  });

const person = () => ({ lastName: "Berg", email: `anna${++n}-${Date.now()}@example.com`, consent: true });

describe("/api/v1/forms", () => {
  it("lets admins and marketing manage forms, not sales", async () => {
    const { client: marketing } = await signedIn(t, "marketing", null);
    const { client: sales } = await signedIn(t, "sales", null);
    expect((await marketing.post("/api/v1/forms", { name: "Webinar", fields: FIELDS })).statusCode).toBe(201);
    expect((await sales.post("/api/v1/forms", { name: "Webinar", fields: FIELDS })).statusCode).toBe(403);
    expect((await sales.get("/api/v1/forms")).statusCode).toBe(403);
  });

  it("refuses a field twice, a form nobody can be reached by, and a redirect outside the allowed origins", async () => {
    const res = await admin.post("/api/v1/forms", {
      name: "Kaputt",
      fields: [FIELDS[0], FIELDS[0]],
      redirectUrl: "https://evil.example/danke",
      allowedOrigins: ["https://www.kunde.example"],
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
    ).toEqual(["fields", "fields.1.field", "redirectUrl"]);
  });

  it("lists forms with their submission counts", async () => {
    const form = await makeForm();
    await submit(form.key, person());
    const list = (await admin.get("/api/v1/forms?limit=200")).json();
    expect(list.data.find((f: { id: string }) => f.id === form.id).submissions.count).toBe(1);
  });
});

describe("POST /api/v1/public/forms/{key}", () => {
  it("creates a lead with the form as source detail and the consent with its proof, answering only 'received'", async () => {
    const form = await makeForm({ campaign: "Hannover 2026" });
    const body = { ...person(), utm_source: "newsletter" };
    const res = await submit(form.key, body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ status: "received" });
    const [lead] = await t.database.db.select().from(leads).where(eq(leads.email, body.email));
    expect(lead).toMatchObject({
      source: "web_form",
      sourceDetail: `${form.name} / Hannover 2026`,
      status: "new",
    });
    const [consent] = await t.database.db
      .select()
      .from(leadConsents)
      .where(eq(leadConsents.leadId, lead?.id ?? ""));
    expect(consent).toMatchObject({
      policyVersion: "2026-01",
      consentText: "Ich willige ein.",
      formId: form.id,
    });
    expect(consent?.ipHash).not.toContain("203.0.113.7");
  });

  it("answers a known person's submission the same as a stranger's", async () => {
    const form = await makeForm();
    const body = person();
    const first = await submit(form.key, body);
    const second = await submit(form.key, { ...body, interest: "Noch eine Frage" });
    expect(second.json()).toEqual(first.json());
    expect(await t.database.db.$count(leads, eq(leads.email, body.email))).toBe(1);
  });

  it("makes one lead of a double submit, with or without Idempotency-Key, and refuses a key reused for another body", async () => {
    const form = await makeForm();
    const body = person();
    const headers = { "idempotency-key": `k-${n}` };
    const [a, b] = await Promise.all([submit(form.key, body, headers), submit(form.key, body, headers)]);
    expect([a.statusCode, b.statusCode]).toEqual([201, 201]);
    expect(await t.database.db.$count(leads, eq(leads.email, body.email))).toBe(1);
    const other = await submit(form.key, { ...body, firstName: "Anders" }, headers);
    expect(other.statusCode).toBe(422);
    expect(other.json().code).toBe("idempotency_key_reused");
    const noKey = person();
    await submit(form.key, noKey);
    await submit(form.key, noKey);
    expect(await t.database.db.$count(intakeLog, eq(intakeLog.formId, form.id))).toBe(2);
  });

  it("never lets the public set owner, status, score, team or a field not on the form", async () => {
    const form = await makeForm();
    for (const key of ["ownerId", "status", "score", "teamId", "phone", "source"]) {
      const res = await submit(form.key, { ...person(), [key]: "x" });
      expect(res.statusCode).toBe(400);
      expect(res.json().errors).toEqual([expect.objectContaining({ path: key, code: "unknown_field" })]);
    }
  });

  it("names missing and invalid fields and the missing consent", async () => {
    const form = await makeForm();
    const res = await submit(form.key, { email: "kaputt@", consent: false });
    const missing = await submit(form.key, { lastName: "Berg", consent: true });
    expect(missing.json().errors).toEqual([expect.objectContaining({ path: "email", code: "required" })]);
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { path: string; code: string }) => `${e.path}:${e.code}`)
        .sort(),
    ).toEqual(["consent:form_consent_required", "email:email_invalid", "lastName:required"]);
    const invalid = await submit(form.key, { lastName: "X", email: "kaputt@", consent: true });
    expect(invalid.json().errors).toEqual([
      expect.objectContaining({ path: "email", code: "email_invalid" }),
    ]);
  });

  it("drops a honeypot submission silently and refuses one faster than the minimum fill time", async () => {
    const form = await makeForm({ minFillSeconds: 3 });
    const secret = await formSecret(t.database.db);
    const spam = person();
    const trap = await submit(form.key, {
      ...spam,
      lw_website: "http://spam.example",
      lw_t: startToken(secret, form.id, Date.now() - 10_000),
    });
    expect(trap.statusCode).toBe(201);
    expect(await t.database.db.$count(leads, eq(leads.email, spam.email))).toBe(0);
    const quick = await submit(form.key, { ...person(), lw_t: startToken(secret, form.id) });
    expect(quick.statusCode).toBe(422);
    expect((await submit(form.key, person())).statusCode).toBe(422);
    const forged = await submit(form.key, { ...person(), lw_t: `${Date.now() - 10_000}.forged` });
    expect(forged.statusCode).toBe(422);
    const patient = person();
    const ok = await submit(form.key, { ...patient, lw_t: startToken(secret, form.id, Date.now() - 4_000) });
    expect(ok.statusCode).toBe(201);
    expect(await t.database.db.$count(leads, eq(leads.email, patient.email))).toBe(1);
    const reasons = await t.database.db
      .select({ reason: intakeLog.reason })
      .from(intakeLog)
      .where(eq(intakeLog.formId, form.id));
    expect(reasons.map((r) => r.reason).sort()).toEqual([null, "spam", "too_fast", "too_fast", "too_fast"]);
  });

  it("answers 404 for an unknown form and 410 for a switched-off one", async () => {
    expect((await submit("nope", person())).statusCode).toBe(404);
    const form = await makeForm();
    await admin.patch(`/api/v1/forms/${form.id}`, { active: false });
    expect((await submit(form.key, person())).statusCode).toBe(410);
    expect((await t.app.inject({ method: "GET", url: `/f/${form.key}` })).statusCode).toBe(410);
  });

  it("answers hostile bodies with 400 or 413, never 500", async () => {
    const form = await makeForm();
    const nul = await submit(form.key, { ...person(), lastName: "a\u0000b" });
    expect(nul.statusCode).toBe(400);
    const badUtf8 = await submit(
      form.key,
      Buffer.from([
        0x7b, 0x22, 0x6c, 0x61, 0x73, 0x74, 0x4e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d,
      ]),
    );
    expect(badUtf8.statusCode).toBe(400);
    expect(badUtf8.json().code).toBe("body_not_utf8");
    const badPercent = await submit(form.key, "lastName=%FF%FE&email=a%40b.de", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(badPercent.statusCode).toBe(400);
    const nulForm = await submit(form.key, "lastName=a%00b&email=a%40b.de", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(nulForm.statusCode).toBe(400);
    const huge = await submit(form.key, { ...person(), interest: "x".repeat(70_000) });
    expect(huge.statusCode).toBe(413);
    for (const payload of ["[]", "null", "{", '{"lastName": {"$ne": 1}}', '{"lastName": ["a","b"]}']) {
      const res = await submit(form.key, payload);
      expect(res.statusCode, payload).toBe(400);
    }
    const xml = await submit(form.key, "<a/>", { "content-type": "application/xml" });
    expect(xml.statusCode).toBe(415);
  });

  it("takes form-encoded bodies", async () => {
    const form = await makeForm();
    const email = `form${++n}@example.com`;
    const res = await submit(form.key, `lastName=M%C3%BCller&email=${encodeURIComponent(email)}&consent=on`, {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(res.statusCode).toBe(201);
    const [lead] = await t.database.db.select().from(leads).where(eq(leads.email, email));
    expect(lead?.lastName).toBe("Müller");
  });

  it("allows CORS only for the form's allowed origins", async () => {
    const form = await makeForm();
    const preflight = (origin: string) =>
      t.app.inject({
        method: "OPTIONS",
        url: `/api/v1/public/forms/${form.key}`,
        headers: { origin, "access-control-request-method": "POST" },
      });
    expect((await preflight("https://www.kunde.example")).headers["access-control-allow-origin"]).toBe(
      "https://www.kunde.example",
    );
    expect((await preflight("https://evil.example")).headers["access-control-allow-origin"]).toBeUndefined();
    const allowed = await submit(form.key, person(), { origin: "https://www.kunde.example" });
    expect(allowed.statusCode).toBe(201);
    expect(allowed.headers["access-control-allow-origin"]).toBe("https://www.kunde.example");
    const refused = await submit(form.key, person(), { origin: "https://evil.example" });
    expect(refused.statusCode).toBe(422);
    expect(refused.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("limits submissions per client across two app processes sharing the database, with Retry-After", async () => {
    const form = await makeForm({ limitPerClient: 3 });
    const sibling = await t.sibling();
    const ip = "198.51.100.23";
    const codes = [];
    for (const app of [t.app, sibling, t.app, sibling])
      codes.push((await submit(form.key, person(), {}, app, ip)).statusCode);
    expect(codes).toEqual([201, 201, 201, 429]);
    const refused = await submit(form.key, person(), {}, sibling, ip);
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    expect((await submit(form.key, person(), {}, sibling, "198.51.100.24")).statusCode).toBe(201);
    // A flood is one line in the intake view per minute, not one per refused request.
    const limited = await t.database.db.$count(
      intakeLog,
      and(eq(intakeLog.formId, form.id), eq(intakeLog.reason, "rate_limited")),
    );
    expect(limited).toBe(1);
  });
});

describe("GET /f/{key}", () => {
  it("renders the form in the visitor's language, with labels as text and a CSP of its own", async () => {
    const form = await makeForm({ name: "<script>alert(1)</script> Messe" });
    const de = await t.app.inject({
      method: "GET",
      url: `/f/${form.key}`,
      headers: { "accept-language": "de-DE,de;q=0.9" },
    });
    expect(de.statusCode).toBe(200);
    expect(de.headers["content-type"]).toContain("text/html");
    expect(de.body).toContain("Nachname");
    expect(de.body).toContain("Absenden");
    expect(de.body).not.toContain("<script>alert(1)</script>");
    expect(de.body).toContain("&lt;script&gt;");
    expect(de.headers["content-security-policy"]).toContain(
      "frame-ancestors 'self' https://www.kunde.example",
    );
    const en = await t.app.inject({
      method: "GET",
      url: `/f/${form.key}?lang=en`,
      headers: { "accept-language": "de" },
    });
    expect(en.body).toContain("Last name");
    expect(en.body).toContain("Send");
  });

  it("re-shows the values and the errors beside the fields without JavaScript, and thanks after a good post", async () => {
    const form = await makeForm();
    const page = await t.app.inject({ method: "GET", url: `/f/${form.key}?lang=de&utm_campaign=herbst` });
    expect(page.body).toContain('name="utm_campaign" value="herbst"');
    const bad = await t.app.inject({
      method: "POST",
      url: `/f/${form.key}?lang=de`,
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      payload: "lastName=%3Cb%3EBerg%3C%2Fb%3E&email=kaputt%40",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('value="&lt;b&gt;Berg&lt;/b&gt;"');
    expect(bad.body).toContain("Bitte geben Sie eine gültige E-Mail-Adresse ein.");
    expect(bad.body).toContain("Bitte stimmen Sie der Einwilligung zu.");
    const good = await t.app.inject({
      method: "POST",
      url: `/f/${form.key}?lang=en`,
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      payload: `lastName=Berg&email=${encodeURIComponent(`good${++n}@example.com`)}&consent=on&utm_campaign=herbst`,
    });
    expect(good.statusCode).toBe(303);
    const thanks = await t.app.inject({ method: "GET", url: good.headers.location as string });
    expect(thanks.body).toContain("Thank you!");
  });
});

describe("double opt-in", () => {
  it("mails a confirmation link through the outbox, marks the lead until confirmed, and removes what stays unconfirmed", async () => {
    const form = await makeForm({ doubleOptIn: true });
    const body = person();
    expect((await submit(form.key, body, { "accept-language": "de" })).statusCode).toBe(201);
    const [lead] = await t.database.db.select().from(leads).where(eq(leads.email, body.email));
    expect(lead?.tags).toContain(DOI_PENDING_TAG);
    const [mail] = await t.database.db
      .select()
      .from(mailOutbox)
      .where(sql`${mailOutbox.to} @> ${JSON.stringify([body.email])}::jsonb`);
    expect(mail?.subject).toBe(`Bitte bestätigen Sie Ihre Anmeldung: ${form.name}`);
    const link = /https?:\/\/\S+\/f\/confirm\/\S+/.exec(mail?.textBody ?? "")?.[0] ?? "";
    const path = new URL(link).pathname + new URL(link).search;

    const confirmed = await t.app.inject({ method: "GET", url: path });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.body).toContain("Ihre Einwilligung ist bestätigt");
    const [consent] = await t.database.db
      .select()
      .from(leadConsents)
      .where(eq(leadConsents.leadId, lead?.id ?? ""));
    expect(consent?.confirmedAt).toBeInstanceOf(Date);
    const [after] = await t.database.db
      .select()
      .from(leads)
      .where(eq(leads.id, lead?.id ?? ""));
    expect(after?.tags).not.toContain(DOI_PENDING_TAG);
    expect((await t.app.inject({ method: "GET", url: path })).statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: `${path.split(".")[0]}.forged` })).statusCode).toBe(404);

    const never = person();
    await submit(form.key, never);
    const [waiting] = await t.database.db.select().from(leads).where(eq(leads.email, never.email));
    // Its time passes (the setting's 72 hours), then the job's work removes it; the confirmed one stays.
    await t.database.db
      .update(leadConsents)
      .set({ givenAt: new Date(Date.now() - 73 * 3_600_000) })
      .where(eq(leadConsents.leadId, waiting?.id ?? ""));
    expect(await expireUnconfirmed(t.database.db)).toBe(1);
    const [removed] = await t.database.db
      .select()
      .from(leads)
      .where(eq(leads.id, waiting?.id ?? ""));
    expect(removed?.deletedAt).toBeInstanceOf(Date);
    expect(await t.database.db.$count(leadConsents, eq(leadConsents.leadId, waiting?.id ?? ""))).toBe(0);
    const [kept] = await t.database.db
      .select()
      .from(leads)
      .where(eq(leads.id, lead?.id ?? ""));
    expect(kept?.deletedAt).toBeNull();
  });
});
