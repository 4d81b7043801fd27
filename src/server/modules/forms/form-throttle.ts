import type { Db } from "@server/db/client";
import { prepared } from "@server/db/prepared";
import { formRateHits } from "@server/db/schema";
import { clientKey } from "@server/modules/auth/login-throttle";
import { and, eq, sql } from "drizzle-orm";

/** The window both limits of a form count in. */
export const FORM_RATE_WINDOW_SECONDS = 10 * 60;

export interface FormThrottle {
  /** Over a limit: seconds until the oldest counted submission leaves the window. */
  retryAfterSeconds: number | null;
}

/**
 * Counts one public submission of a client on a form, in the database so that every app process
 * shares the count (the login_attempts pattern of auth/login-attempts.repository.ts): the hit is
 * inserted and committed first, then counted in a statement of its own, so of submissions arriving at
 * once in any processes the last one sees all others. A refused hit is deleted again, so a client that
 * keeps hammering is let in as soon as its older submissions age out.
 */
export async function countFormSubmission(
  db: Db,
  input: { formId: string; ip: string; perClient: number; perForm: number },
): Promise<FormThrottle> {
  const client = clientKey(input.ip);
  const window = sql`now() - make_interval(secs => ${FORM_RATE_WINDOW_SECONDS})`;
  // The hits that left the window go in the statement that records this one (one round trip fewer).
  const inserted: unknown = await db.execute(sql`
    with gone as (delete from ${formRateHits} where ${formRateHits.at} < ${window})
    insert into ${formRateHits} (form_id, client) values (${input.formId}, ${client})
    returning id::text as id`);
  const [hit] = (inserted as { rows: { id: string }[] }).rows;
  // Prepared (db/prepared.ts): every public submission counts, and drizzle built this text each time.
  const [row] = await prepared(db, "form_rate_count", (d, name) => {
    const mine = sql`${formRateHits.client} = ${sql.placeholder("client")}`;
    const seconds = sql.raw(String(FORM_RATE_WINDOW_SECONDS));
    return d
      .select({
        form: sql<number>`count(*)::int`,
        client: sql<number>`count(*) filter (where ${mine})::int`,
        formFreeIn: sql<number>`coalesce(extract(epoch from min(${formRateHits.at}) + make_interval(secs => ${seconds}) - now()), 0)::float8`,
        clientFreeIn: sql<number>`coalesce(extract(epoch from min(${formRateHits.at}) filter (where ${mine}) + make_interval(secs => ${seconds}) - now()), 0)::float8`,
      })
      .from(formRateHits)
      .where(
        and(
          eq(formRateHits.formId, sql.placeholder("formId")),
          sql`${formRateHits.at} >= now() - make_interval(secs => ${seconds})`,
        ),
      )
      .prepare(name);
  }).execute({ client, formId: input.formId });
  const counts = row ?? { form: 0, client: 0, formFreeIn: 0, clientFreeIn: 0 };
  const clientOver = counts.client > input.perClient;
  const formOver = counts.form > input.perForm;
  if (!clientOver && !formOver) return { retryAfterSeconds: null };
  if (hit) await db.delete(formRateHits).where(eq(formRateHits.id, Number(hit.id)));
  const wait = Math.max(clientOver ? counts.clientFreeIn : 0, formOver ? counts.formFreeIn : 0);
  return { retryAfterSeconds: Math.max(1, Math.ceil(wait)) };
}
