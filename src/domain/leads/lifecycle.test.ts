import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  changeLifecycle,
  LIFECYCLE_STAGES,
  type LifecycleStage,
  type StageTimes,
  stageIndex,
} from "./lifecycle";

const noTimes = (): StageTimes => ({ mal: new Date(0), mql: null, sal: null, sql: null });
const base = { reason: null, bantQualified: true, sqlRequiresBant: true, now: new Date(1000) };

describe("changeLifecycle", () => {
  it("stamps every stage up to the target when moving forward, skipped ones included", () => {
    const outcome = changeLifecycle({ ...base, current: "mal", target: "sal", times: noTimes() });
    expect(outcome).toMatchObject({ ok: true, stage: "sal", direction: "forward" });
    if (outcome.ok)
      expect(outcome.times).toEqual({
        mal: new Date(0),
        mql: new Date(1000),
        sal: new Date(1000),
        sql: null,
      });
  });

  it("needs a reason to move back and keeps the earlier stamps", () => {
    const times = { mal: new Date(0), mql: new Date(1), sal: new Date(2), sql: null };
    expect(changeLifecycle({ ...base, current: "sal", target: "mql", times })).toMatchObject({
      ok: false,
      path: "lifecycleReason",
    });
    const back = changeLifecycle({
      ...base,
      current: "sal",
      target: "mql",
      times,
      reason: "no project this year",
    });
    expect(back).toMatchObject({ ok: true, stage: "mql", direction: "back", times });
  });

  it("refuses SQL without BANT unless the admin setting lifts it", () => {
    const unqualified = {
      ...base,
      bantQualified: false,
      current: "sal" as const,
      target: "sql" as const,
      times: noTimes(),
    };
    expect(changeLifecycle(unqualified)).toMatchObject({ ok: false, path: "lifecycleStage" });
    expect(changeLifecycle({ ...unqualified, sqlRequiresBant: false })).toMatchObject({
      ok: true,
      stage: "sql",
    });
  });

  it("keeps stamps ordered: a stage entered implies every earlier stage was entered", () => {
    const stage = fc.constantFrom<LifecycleStage>(...LIFECYCLE_STAGES);
    fc.assert(
      fc.property(fc.array(fc.tuple(stage, fc.boolean()), { maxLength: 20 }), (moves) => {
        let current: LifecycleStage = "mal";
        let times = noTimes();
        let clock = 1;
        for (const [target, withReason] of moves) {
          const out = changeLifecycle({
            ...base,
            current,
            target,
            times,
            reason: withReason ? "why" : null,
            now: new Date(clock++),
          });
          if (out.ok) ({ stage: current, times } = out);
          for (const s of LIFECYCLE_STAGES.slice(0, stageIndex(current) + 1)) expect(times[s]).not.toBeNull();
          const stamped = LIFECYCLE_STAGES.filter((s) => times[s] !== null);
          for (const [i, s] of stamped.entries()) expect(stageIndex(s)).toBe(i);
        }
      }),
    );
  });
});
