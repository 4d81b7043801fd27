import { buildTestApp, type Client, type TestApp } from "@test/app";
import { excelCells } from "@test/csv-excel";
import { buildContact, buildLead } from "@test/factories-crm";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/*
 * The lead export reads its own rows (issue #17, lead-query.service.ts listLeadExportRows), not the
 * list's API shape: it must still hold exactly the leads the list holds for the same person and query,
 * in the same order, less those whose processing is restricted (Art. 18).
 */

let t: TestApp;
let admin: Client;
beforeAll(async () => {
  t = await buildTestApp();
  admin = (await signedIn(t, "admin")).client;
});
afterAll(() => t.close());

/** Every id of the list for `query`, page by page, in the list's order. */
async function listIds(client: Client, query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await client.get(
      `/api/v1/leads?${query}&limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
    );
    expect(page.statusCode, page.body).toBe(200);
    const body = page.json() as { data: { id: string }[]; nextCursor: string | null };
    ids.push(...body.data.map((lead) => lead.id));
    cursor = body.nextCursor;
  } while (cursor);
  return ids;
}

/** The ids of the raw CSV export for `query`, in the file's order. */
async function exportIds(client: Client, query: string): Promise<string[]> {
  const res = await client.get(`/api/v1/leads/export.csv?${query}&columns=id`);
  expect(res.statusCode, res.body).toBe(200);
  return excelCells(res.body, ",")
    .slice(1)
    .map((row) => row[0] ?? "");
}

describe("GET /api/v1/leads/export.csv for a salesperson", () => {
  it("holds the ids of their list for the same filters, search, sort and selection, restricted leads left out", async () => {
    const { team, user, client } = await teamWithSales(t);
    const teammate = await signedIn(t, "sales", team);
    const other = await teamWithSales(t);
    const db = t.database.db;
    const tag = `parity-${team.id.slice(0, 8)}`;
    const lead = (lastName: string, extra: Parameters<typeof buildLead>[1] = {}) =>
      buildLead(db, { team, owner: user, lastName, tags: [tag], ...extra });
    const mine = await lead("Parität Eins", { source: "trade_show", score: 40 });
    await lead("Parität Zwei", { status: "in_process", score: 70 });
    await lead("Andere Drei", { owner: teammate.user, score: 10 });
    await lead("Parität Vier", { team: null, source: "trade_show" });
    const foreign = await buildLead(db, {
      team: other.team,
      owner: other.user,
      lastName: "Parität Fremd",
      tags: [tag],
    });
    const restricted = await lead("Parität Gesperrt", { score: 55 });
    const viaContact = await lead("Parität Kontakt", { contact: await buildContact(db, { team }) });
    for (const [path, id] of [
      ["leads", restricted.id],
      ["contacts", viaContact.contactId],
    ] as const) {
      const put = await admin.request({
        method: "PUT",
        url: `/api/v1/${path}/${id}/restriction`,
        payload: { restricted: true, reason: "Art. 18" },
      });
      expect(put.statusCode, put.body).toBe(204);
    }
    const held = new Set([restricted.id, viaContact.id]);

    for (const query of [
      `tags=${tag}`,
      `tags=${tag}&sort=name`,
      `tags=${tag}&q=parit`,
      `tags=${tag}&source=trade_show&sort=createdAt`,
      `tags=${tag}&mine=true&status=assigned&status=in_process`,
      `ids=${[mine.id, foreign.id, restricted.id].join(",")}`,
    ]) {
      const listed = await listIds(client, query);
      expect(listed.length, query).toBeGreaterThan(0);
      expect(await exportIds(client, query), query).toEqual(listed.filter((id) => !held.has(id)));
    }
    // The list holds the restricted two, the export does not; neither holds the other team's lead.
    expect(await listIds(client, `tags=${tag}`)).toHaveLength(6);
    const all = await exportIds(client, `tags=${tag}`);
    expect(all).toHaveLength(4);
    expect(all).not.toContain(foreign.id);
  });
});
