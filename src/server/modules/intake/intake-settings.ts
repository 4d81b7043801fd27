import type { RoutingRule } from "@domain/intake/routing";
import type { DbOrTx } from "@server/db/client";
import { selectSettingRows, upsertSetting } from "@server/modules/settings/settings.repository";
import { type IntakeSettings, intakeSettingsSchema } from "@shared/schemas/intake";
import type { z } from "zod";

/** The intake settings live under their own key of the settings table (other modules keep theirs). */
const KEY = "intake";

/** Built once (zod compiles a schema on its first parse; see settings.service.ts). */
const storedSettings = intakeSettingsSchema.partial();

export const DEFAULT_INTAKE_SETTINGS: IntakeSettings = {
  defaultRegion: "DE",
  duplicateWindowDays: 7,
  routingRules: [],
  doubleOptInHours: 72,
};

export async function readIntakeSettings(db: DbOrTx): Promise<IntakeSettings> {
  const [row] = await selectSettingRows(db, KEY);
  const parsed = storedSettings.safeParse(row?.value);
  return { ...DEFAULT_INTAKE_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export async function writeIntakeSettings(
  db: DbOrTx,
  value: z.input<typeof intakeSettingsSchema>,
): Promise<void> {
  await upsertSetting(db, KEY, intakeSettingsSchema.parse(value));
}

export type { RoutingRule };
