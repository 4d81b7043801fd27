import type { DbOrTx } from "@server/db/client";
import { selectSettingRows, upsertSetting } from "@server/modules/settings/settings.repository";
import { type AccountSettings, accountSettingsSchema } from "@shared/schemas/account-security";

/** The account settings live under their own key of the settings table. */
const KEY = "accounts";

/** Built once (zod compiles a schema on its first parse; see settings.service.ts). */
const storedSettings = accountSettingsSchema.partial();

export const DEFAULT_ACCOUNT_SETTINGS: AccountSettings = { requireAdminTwoFactor: false };

export async function readAccountSettings(db: DbOrTx): Promise<AccountSettings> {
  const [row] = await selectSettingRows(db, KEY);
  const parsed = storedSettings.safeParse(row?.value);
  return { ...DEFAULT_ACCOUNT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export async function writeAccountSettings(db: DbOrTx, value: AccountSettings): Promise<void> {
  await upsertSetting(db, KEY, accountSettingsSchema.parse(value));
}
