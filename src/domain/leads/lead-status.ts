import { type Message, message } from "@shared/message-codes";

/**
 * The lead status machine of PRODUCT.md ("Leads", Status). Pure: the service asks it what an edit
 * does to the status and stores the answer; the property tests drive it with random operation sequences.
 */
export const LEAD_STATUSES = ["new", "assigned", "in_process", "converted", "recycled", "dead"] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** Statuses a user may ask for in an edit (`converted` only comes from the conversion). */
export const EDITABLE_STATUSES = ["new", "assigned", "in_process", "recycled", "dead"] as const;

export type StatusRuleViolation =
  | { code: "converted_read_only"; path: "status"; message: Message }
  | { code: "not_allowed"; path: "status" | "ownerId" | "deadReason"; message: Message };

export interface StatusEdit {
  current: LeadStatus;
  /** The status the user asked for, if any. */
  requested?: LeadStatus | undefined;
  ownerBefore: string | null;
  ownerAfter: string | null;
  deadReason?: string | null | undefined;
}

export type StatusOutcome = { ok: true; status: LeadStatus } | { ok: false; violation: StatusRuleViolation };

const fail = (path: "status" | "ownerId" | "deadReason", why: Message): StatusOutcome => ({
  ok: false,
  violation: { code: "not_allowed", path, message: why },
});

/** Which explicitly requested status may follow which (the implicit owner rules come on top). */
const ALLOWED: Record<LeadStatus, readonly LeadStatus[]> = {
  new: ["assigned", "in_process", "dead"],
  assigned: ["new", "in_process", "dead"],
  in_process: ["assigned", "dead"],
  recycled: ["new", "assigned", "in_process", "dead"],
  dead: ["recycled"],
  converted: [],
};

export function isOpenStatus(status: LeadStatus): boolean {
  return status !== "converted" && status !== "dead";
}

export function statusForNewLead(ownerId: string | null): LeadStatus {
  return ownerId ? "assigned" : "new";
}

/** The status after an edit, or why the edit is not allowed. */
export function applyStatusEdit(edit: StatusEdit): StatusOutcome {
  const { current, requested, ownerAfter } = edit;
  if (current === "converted") {
    return {
      ok: false,
      violation: {
        code: "converted_read_only",
        path: "status",
        message: message("lead_converted"),
      },
    };
  }
  if (requested === "converted") return fail("status", message("lead_converted_only_by_conversion"));

  if (requested !== undefined && requested !== current) {
    if (!ALLOWED[current].includes(requested)) {
      return fail(
        "status",
        current === "dead"
          ? message("lead_closed_reopen_first")
          : message("lead_status_transition", { from: current, to: requested }),
      );
    }
    return checkTarget(requested, edit);
  }

  // No explicit change: an owner set on an unowned lead assigns it; an owner removed returns it to the pool.
  if (current === "dead") return { ok: true, status: current };
  if (ownerAfter && !edit.ownerBefore && (current === "new" || current === "recycled")) {
    return { ok: true, status: "assigned" };
  }
  if (!ownerAfter && edit.ownerBefore && (current === "assigned" || current === "in_process")) {
    return { ok: true, status: "new" };
  }
  return { ok: true, status: current };
}

function checkTarget(target: LeadStatus, edit: StatusEdit): StatusOutcome {
  switch (target) {
    case "dead":
      return edit.deadReason?.trim()
        ? { ok: true, status: target }
        : fail("deadReason", message("dead_reason_required"));
    case "assigned":
    case "in_process":
      return edit.ownerAfter ? { ok: true, status: target } : fail("ownerId", message("owner_required"));
    case "new":
      return edit.ownerAfter ? fail("ownerId", message("lead_new_has_owner")) : { ok: true, status: target };
    case "recycled":
      return { ok: true, status: target };
    case "converted":
      return fail("status", message("lead_converted_only_by_conversion"));
    default: {
      const unreachable: never = target;
      return unreachable;
    }
  }
}

/** The owner's first logged activity starts the work (PRODUCT.md: "reached by the owner's first activity"). */
export function statusAfterOwnerActivity(current: LeadStatus): LeadStatus {
  return current === "assigned" || current === "recycled" ? "in_process" : current;
}

/**
 * From SAL on sales has the lead, so an owned lead there is at least in process (issue #15 point 10):
 * new, assigned and recycled rise; in process, converted and dead stay as they are. Without an owner
 * nobody works it yet, and the status stays (in process always has an owner).
 */
export function statusInSalesStage(current: LeadStatus, ownerId: string | null): LeadStatus {
  if (!ownerId) return current;
  return current === "new" || current === "assigned" || current === "recycled" ? "in_process" : current;
}
