import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyStatusEdit,
  EDITABLE_STATUSES,
  type LeadStatus,
  statusAfterOwnerActivity,
  statusForNewLead,
  statusInSalesStage,
} from "./lead-status";

type Op =
  | { kind: "edit"; requested: LeadStatus | undefined; owner: string | null | "keep"; reason: string | null }
  | { kind: "activity" }
  | { kind: "convert" };

const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant("edit" as const),
    requested: fc.option(fc.constantFrom<LeadStatus>(...EDITABLE_STATUSES, "converted"), { nil: undefined }),
    owner: fc.constantFrom<string | null | "keep">("u1", "u2", null, "keep"),
    reason: fc.constantFrom<string | null>(null, "", "no budget"),
  }),
  fc.constant({ kind: "activity" as const }),
  fc.constant({ kind: "convert" as const }),
);

/** The transitions PRODUCT.md's table allows, explicit or implicit. */
const LEGAL = new Set([
  "new>assigned",
  "new>in_process",
  "new>dead",
  "assigned>new",
  "assigned>in_process",
  "assigned>dead",
  "in_process>assigned",
  "in_process>dead",
  "in_process>new",
  "recycled>new",
  "recycled>assigned",
  "recycled>in_process",
  "recycled>dead",
  "dead>recycled",
  "new>converted",
  "assigned>converted",
  "in_process>converted",
  "recycled>converted",
]);

describe("lead status machine", () => {
  it("never leaves converted, takes only legal steps, and keeps owner and status consistent", () => {
    fc.assert(
      fc.property(
        fc.option(fc.constant("u1"), { nil: null }),
        fc.array(opArb, { maxLength: 30 }),
        (initialOwner, ops) => {
          let status = statusForNewLead(initialOwner);
          let owner: string | null = initialOwner;
          for (const op of ops) {
            const before = status;
            if (op.kind === "convert") {
              // The conversion is the only way in; it is refused once converted or closed.
              if (status !== "converted" && status !== "dead") status = "converted";
            } else if (op.kind === "activity") {
              if (owner) status = statusAfterOwnerActivity(status);
            } else {
              const ownerAfter = op.owner === "keep" ? owner : op.owner;
              const outcome = applyStatusEdit({
                current: status,
                requested: op.requested,
                ownerBefore: owner,
                ownerAfter,
                deadReason: op.reason,
              });
              if (before === "converted") expect(outcome.ok).toBe(false);
              if (op.requested === "converted") expect(outcome.ok).toBe(false);
              if (outcome.ok) {
                status = outcome.status;
                owner = ownerAfter;
                if (status === "dead" && before !== "dead") expect(op.reason?.trim()).toBeTruthy();
              }
            }
            if (before === "converted") expect(status).toBe("converted");
            if (status !== before) expect(LEGAL.has(`${before}>${status}`)).toBe(true);
            if (status === "new") expect(owner).toBeNull();
            if (status === "assigned" || status === "in_process") expect(owner).not.toBeNull();
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("assigns a new lead when an owner is set and returns it to the pool when the owner is removed", () => {
    expect(applyStatusEdit({ current: "new", ownerBefore: null, ownerAfter: "u1" })).toEqual({
      ok: true,
      status: "assigned",
    });
    expect(applyStatusEdit({ current: "assigned", ownerBefore: "u1", ownerAfter: null })).toEqual({
      ok: true,
      status: "new",
    });
  });

  it("requires a reason to close and allows only reopening a closed lead", () => {
    expect(
      applyStatusEdit({ current: "in_process", requested: "dead", ownerBefore: "u1", ownerAfter: "u1" }),
    ).toMatchObject({
      ok: false,
      violation: { path: "deadReason" },
    });
    expect(
      applyStatusEdit({ current: "dead", requested: "in_process", ownerBefore: "u1", ownerAfter: "u1" }),
    ).toMatchObject({
      ok: false,
    });
    expect(
      applyStatusEdit({ current: "dead", requested: "recycled", ownerBefore: "u1", ownerAfter: "u1" }),
    ).toEqual({
      ok: true,
      status: "recycled",
    });
  });

  it("refuses every edit of a converted lead", () => {
    expect(applyStatusEdit({ current: "converted", ownerBefore: "u1", ownerAfter: "u2" })).toMatchObject({
      ok: false,
      violation: { code: "converted_read_only" },
    });
  });

  it("starts the work with the owner's first activity", () => {
    expect(statusAfterOwnerActivity("assigned")).toBe("in_process");
    expect(statusAfterOwnerActivity("dead")).toBe("dead");
  });

  it("puts an owned lead in SAL or SQL at least in process and lowers nothing (issue #15)", () => {
    for (const status of ["new", "assigned", "recycled"] as const)
      expect(statusInSalesStage(status, "u1")).toBe("in_process");
    for (const status of ["in_process", "converted", "dead"] as const)
      expect(statusInSalesStage(status, "u1")).toBe(status);
    expect(statusInSalesStage("new", null)).toBe("new");
  });
});
