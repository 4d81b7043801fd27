import { buildTestApp, type TestApp } from "@test/app";
import { buildCompany } from "@test/crm-factories/company.factory";
import { buildContact } from "@test/crm-factories/contact.factory";
import { buildTeam } from "@test/factories";
import { signedIn, teamWithSales } from "@test/lead-helpers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

interface Participant {
  kind: string;
  id: string;
  name: string;
  visible: boolean;
}

const contactName = (c: { firstName: string | null; lastName: string }) =>
  [c.firstName, c.lastName].filter(Boolean).join(" ");

/**
 * Team A's meeting (planned by a manager of team A, so team A's sales see it) with two contacts:
 * one of team A and one owned by a seller of team B, whom team A's sales may not see.
 */
async function meetingWithForeignContact() {
  const teamA = await buildTeam(t.database.db);
  const manager = await signedIn(t, "manager", teamA);
  const seller = await signedIn(t, "sales", teamA);
  const b = await teamWithSales(t);
  const company = await buildCompany(t.database.db, { team: teamA });
  const own = await buildContact(t.database.db, { team: teamA, company });
  // A name no generated contact has, so "not in the body" cannot be fooled by a namesake.
  const foreign = await buildContact(t.database.db, {
    team: b.team,
    owner: b.user,
    lastName: `Verborgen-${crypto.randomUUID().slice(0, 8)}`,
  });
  const created = await manager.client.post("/api/v1/activities", {
    type: "meeting",
    subject: "Joint workshop",
    startsAt: "2030-05-06T09:00:00.000Z",
    companyId: company.id,
    contactId: own.id,
    participantUserIds: [seller.user.id],
    participantContactIds: [own.id, foreign.id],
  });
  expect(created.statusCode).toBe(201);
  const meeting = created.json() as { id: string; version: number; participants: Participant[] };
  return { manager, seller, b, company, own, foreign, meeting };
}

const contactsIn = (list: Participant[]) =>
  list.filter((p) => p.kind === "contact").sort((x, y) => Number(y.visible) - Number(x.visible));

describe("activity participants through the permission gate", () => {
  it("shows a sales user of team A a team B contact participant without its name, and a manager with it", async () => {
    const { manager, seller, own, foreign, meeting } = await meetingWithForeignContact();
    // The manager who planned it sees both contacts.
    expect(contactsIn(meeting.participants)).toHaveLength(2);
    expect(meeting.participants).toEqual(
      expect.arrayContaining([
        { kind: "contact", id: own.id, name: contactName(own), visible: true },
        { kind: "contact", id: foreign.id, name: contactName(foreign), visible: true },
      ]),
    );

    const read = await seller.client.get(`/api/v1/activities/${meeting.id}`);
    expect(read.statusCode).toBe(200);
    const participants = read.json().participants as Participant[];
    expect(contactsIn(participants)).toEqual([
      { kind: "contact", id: own.id, name: contactName(own), visible: true },
      { kind: "contact", id: foreign.id, name: "—", visible: false },
    ]);
    expect(participants).toContainEqual({
      kind: "user",
      id: seller.user.id,
      name: seller.user.name,
      visible: true,
    });
    expect(read.body).not.toContain(foreign.lastName);
    // The contact itself stays out of reach, as the flag says.
    expect((await seller.client.get(`/api/v1/contacts/${foreign.id}`)).statusCode).toBe(404);

    const managerRead = (await manager.client.get(`/api/v1/activities/${meeting.id}`)).json();
    expect(managerRead.participants).toContainEqual({
      kind: "contact",
      id: foreign.id,
      name: contactName(foreign),
      visible: true,
    });
  });

  it("withholds the name in the activity list, My work, the calendar range, timelines and the company file", async () => {
    const { seller, own, foreign, company, meeting } = await meetingWithForeignContact();
    const hidden = { kind: "contact", id: foreign.id, name: "—", visible: false };
    const fromList = async (url: string) => {
      const res = await seller.client.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(foreign.lastName);
      const found = (res.json().data as { id: string; participants: Participant[] }[]).find(
        (a) => a.id === meeting.id,
      );
      expect(found, url).toBeDefined();
      return found?.participants ?? [];
    };
    expect(await fromList(`/api/v1/activities?companyId=${company.id}`)).toContainEqual(hidden);
    expect(await fromList("/api/v1/activities?mine=true&done=false&sort=occursAt")).toContainEqual(hidden);
    expect(
      await fromList(
        "/api/v1/activities?sort=occursAt&from=2030-05-01T00:00:00.000Z&to=2030-05-31T00:00:00.000Z",
      ),
    ).toContainEqual(hidden);

    for (const url of [`/api/v1/companies/${company.id}/timeline`, `/api/v1/contacts/${own.id}/timeline`]) {
      const res = await seller.client.get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).not.toContain(foreign.lastName);
      const item = (
        res.json().data as { id: string; activity: { participants: Participant[] } | null }[]
      ).find((i) => i.id === meeting.id);
      expect(item?.activity?.participants, url).toContainEqual(hidden);
    }

    const file = await seller.client.get(`/api/v1/companies/${company.id}/file`);
    expect(file.statusCode).toBe(200);
    expect(file.body).not.toContain(foreign.lastName);
    const inFile = (file.json().activities as { id: string; participants: Participant[] }[]).find(
      (a) => a.id === meeting.id,
    );
    expect(inFile?.participants).toContainEqual(hidden);
  });

  it("lets a reader save the activity with the participant list it read, keeping the contact it cannot see", async () => {
    const { seller, b, own, foreign, meeting } = await meetingWithForeignContact();
    const read = (await seller.client.get(`/api/v1/activities/${meeting.id}`)).json();
    const ids = (kind: string) =>
      (read.participants as Participant[]).filter((p) => p.kind === kind).map((p) => p.id);
    const saved = await seller.client.patch(`/api/v1/activities/${meeting.id}`, {
      subject: "Joint workshop (moved)",
      participantUserIds: ids("user"),
      participantContactIds: ids("contact"),
      version: read.version,
    });
    expect(saved.statusCode).toBe(200);
    expect(contactsIn(saved.json().participants).map((p) => [p.id, p.visible])).toEqual([
      [own.id, true],
      [foreign.id, false],
    ]);

    // Adding another contact out of sight is still refused, at its place in the list.
    const otherForeign = await buildContact(t.database.db, { team: b.team, owner: b.user });
    const added = await seller.client.patch(`/api/v1/activities/${meeting.id}`, {
      participantContactIds: [own.id, foreign.id, otherForeign.id],
    });
    expect(added.statusCode).toBe(422);
    expect(added.json().errors[0].path).toBe("participantContactIds.2");

    // Removing it is an ordinary edit of an activity the reader may change.
    const removed = await seller.client.patch(`/api/v1/activities/${meeting.id}`, {
      participantContactIds: [own.id],
    });
    expect(removed.statusCode).toBe(200);
    expect(contactsIn(removed.json().participants).map((p) => p.id)).toEqual([own.id]);
  });

  it("keeps a participant deactivated since when the list is sent back unchanged, but refuses adding one", async () => {
    const { team, user, client } = await teamWithSales(t);
    const colleague = await signedIn(t, "sales", team);
    const admin = await signedIn(t, "admin");
    const contact = await buildContact(t.database.db, { team, owner: user });
    const task = (
      await client.post("/api/v1/activities", {
        type: "task",
        subject: "Prepare offer",
        contactId: contact.id,
        participantUserIds: [colleague.user.id],
      })
    ).json();
    const off = await admin.client.patch(`/api/v1/users/${colleague.user.id}`, { active: false });
    expect(off.statusCode).toBe(200);
    const kept = await client.patch(`/api/v1/activities/${task.id}`, {
      done: true,
      participantUserIds: [colleague.user.id],
    });
    expect(kept.statusCode).toBe(200);
    const other = await signedIn(t, "sales", team);
    await admin.client.patch(`/api/v1/users/${other.user.id}`, { active: false });
    const added = await client.patch(`/api/v1/activities/${task.id}`, {
      participantUserIds: [colleague.user.id, other.user.id],
    });
    expect(added.statusCode).toBe(422);
    expect(added.json().errors[0].path).toBe("participantUserIds.1");
  });
});
