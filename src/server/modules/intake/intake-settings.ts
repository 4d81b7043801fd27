import type { RoutingRule } from "@domain/intake/routing";
import type { DbOrTx } from "@server/db/client";
import { selectSettingRows, upsertSetting } from "@server/modules/settings/settings.repository";
import { type IntakeSettings, intakeSettingsSchema } from "@shared/schemas/intake";

/** The intake settings live under their own key of the settings table (other modules keep theirs). */
const KEY = "intake";

export const DEFAULT_INTAKE_SETTINGS: IntakeSettings = {
  defaultRegion: "DE",
  duplicateWindowDays: 7,
  routingRules: [],
};

export async function readIntakeSettings(db: DbOrTx): Promise<IntakeSettings> {
  const [row] = await selectSettingRows(db, KEY);
  const parsed = intakeSettingsSchema.partial().safeParse(row?.value);
  return { ...DEFAULT_INTAKE_SETTINGS, ...(parsed.success ? parsed.data : {}) };
}

export async function writeIntakeSettings(db: DbOrTx, value: IntakeSettings): Promise<void> {
  await upsertSetting(db, KEY, value);
}

export type { RoutingRule };
