/**
 * The learned win probability (#20 point 3): one row per nightly training run of `lead-win-model`
 * (modules/win-model). The newest row is the state: its model is used only when it was published;
 * a run that found too little history (or no signal) leaves the rule score alone.
 */
import { sql } from "drizzle-orm";
import {
  bigserial,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { inList } from "./columns.js";

export const WIN_MODEL_STATE_VALUES = ["published", "too_little_history", "no_signal"] as const;

export const leadWinModels = pgTable(
  "lead_win_models",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    trainedAt: timestamp("trained_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    state: text("state").notNull(),
    /** Finished leads found (won, and lost or disqualified), and how they were split. */
    examples: integer("examples").notNull(),
    won: integer("won").notNull(),
    trainCount: integer("train_count").notNull(),
    holdoutCount: integer("holdout_count").notNull(),
    /** On the held-out quarter; null when nothing was trained. */
    auc: doublePrecision("auc"),
    /** `WinModel`: intercept and per feature name, mean, scale, coefficient. */
    model: jsonb("model"),
    /** `CalibrationRow[]` on the held-out quarter. */
    calibration: jsonb("calibration").notNull().default(sql`'[]'::jsonb`),
    /** The admin-chosen lead fields this run used. */
    fields: jsonb("fields").notNull().default(sql`'[]'::jsonb`),
  },
  (t) => [
    index("lead_win_models_trained_idx").on(t.trainedAt, t.id),
    check("lead_win_models_state_check", inList("state", WIN_MODEL_STATE_VALUES)),
  ],
);
