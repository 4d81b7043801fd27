import { DEMO_USERS } from "@server/modules/seed/demo-data";
import { now } from "./clock";
import type { DemoData } from "./demo-plan";
import { ADMIN_EMAIL, DEMO_PASSWORD, type People } from "./people";
import { groupBy } from "./random";

const tally = <T>(rows: T[], key: (row: T) => string) =>
  [...groupBy(rows, key)].map(([k, group]) => `${k} ${group.length}`).join(", ");

/** What was seeded, counted per status, stage and source, and how to log in. */
export function report(
  data: DemoData,
  people: People,
  timing: { ready: number; total: number },
  where: string,
): void {
  const open = data.activities.filter((a) => !a.done);
  const overdue = open.filter((a) => a.dueAt && a.dueAt < now).length;
  const seconds = (ms: number) => (ms / 1000).toFixed(1);
  console.log(
    `Seeded ${where} in ${seconds(timing.total)} s (database ready after ${seconds(timing.ready)} s):`,
  );
  console.log(
    `  ${data.companies.length} companies, ${data.contacts.length} contacts, ${data.leads.length} leads, ` +
      `${data.deals.length} deals, ${data.activities.length} activities`,
  );
  console.log(`  leads by status: ${tally(data.leads, (l) => l.status)}`);
  console.log(`  leads by lifecycle stage: ${tally(data.leads, (l) => l.lifecycleStage)}`);
  console.log(`  leads by source: ${tally(data.leads, (l) => l.source)}`);
  console.log(`  deals: ${tally(data.deals, (d) => d.status ?? "open")}`);
  console.log(`  activities: ${tally(data.activities, (a) => a.type)}`);
  console.log(`  open activities: ${open.length - overdue} upcoming, ${overdue} overdue`);
  console.log("");
  if (people.adminCreated) console.log(`Admin login: ${ADMIN_EMAIL} / ${DEMO_PASSWORD}`);
  else console.log(`Kept the existing admin ${people.admin?.email ?? "(none)"} and its password.`);
  console.log(`Demo users, password ${DEMO_PASSWORD}:`);
  for (const u of DEMO_USERS) {
    console.log(`  ${u.email.padEnd(32)} ${u.role.padEnd(10)} ${u.name} (${people.teams[u.team].name})`);
  }
  console.log("Start Leadwerk with `npm start` (or `npm run dev`) and log in.");
}
