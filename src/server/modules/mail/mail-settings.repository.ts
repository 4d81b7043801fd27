import type { DbOrTx } from "@server/db/client";
import { selectSettingRows, upsertSetting } from "@server/modules/settings/settings.repository";
import { IMAP_AFTER_READ, MAIL_SECURITY } from "@shared/schemas/mail";
import { z } from "zod";

/** The email settings as stored under the settings key `email`: passwords sealed (see secret-box.ts). */
const storedSchema = z.object({
  smtp: z
    .object({
      host: z.string(),
      port: z.number().int(),
      security: z.enum(MAIL_SECURITY),
      user: z.string(),
      passwordSealed: z.string().nullable(),
      from: z.string(),
      fromName: z.string(),
    })
    .nullable()
    .default(null),
  imap: z
    .object({
      enabled: z.boolean(),
      host: z.string(),
      port: z.number().int(),
      security: z.enum(MAIL_SECURITY),
      user: z.string(),
      passwordSealed: z.string().nullable(),
      folder: z.string(),
      afterRead: z.enum(IMAP_AFTER_READ),
      moveTo: z.string().nullable(),
      pollSeconds: z.number().int(),
    })
    .nullable()
    .default(null),
  intakeAddresses: z.array(z.string()).default([]),
});
export type StoredEmailSettings = z.infer<typeof storedSchema>;
export type StoredSmtp = NonNullable<StoredEmailSettings["smtp"]>;
export type StoredImap = NonNullable<StoredEmailSettings["imap"]>;

const KEY = "email";
const EMPTY: StoredEmailSettings = { smtp: null, imap: null, intakeAddresses: [] };

export async function readStoredEmailSettings(db: DbOrTx): Promise<StoredEmailSettings> {
  const [row] = await selectSettingRows(db, KEY);
  const parsed = storedSchema.safeParse(row?.value ?? {});
  return parsed.success ? parsed.data : EMPTY;
}

export async function writeStoredEmailSettings(db: DbOrTx, value: StoredEmailSettings): Promise<void> {
  await upsertSetting(db, KEY, value);
}
