import { describe, expect, it } from "vitest";
import { formatDocumentNumber, isValidScheme } from "./document-number";
import { quoteActionBlocker } from "./quote-status";
import { isKnownRate } from "./vat-rates";

describe("formatDocumentNumber", () => {
  it("fills year and padded running number", () => {
    expect(formatDocumentNumber("AN-{YYYY}-{NNNN}", 2026, 1)).toBe("AN-2026-0001");
    expect(formatDocumentNumber("RE{YY}/{NNN}", 2026, 12)).toBe("RE26/012");
    expect(formatDocumentNumber("Q-{N}", 2026, 12345)).toBe("Q-12345");
  });
  it("accepts a scheme with exactly one running number and no unknown placeholder", () => {
    expect(isValidScheme("AN-{YYYY}-{NNNN}")).toBe(true);
    expect(isValidScheme("AN-{YYYY}")).toBe(false);
    expect(isValidScheme("{NN}-{NN}")).toBe(false);
    expect(isValidScheme("AN-{MM}-{NNNN}")).toBe(false);
  });
});

describe("quoteActionBlocker", () => {
  const draft = { status: "draft", superseded: false, invoiced: false } as const;
  const sent = { status: "sent", superseded: false, invoiced: false } as const;
  it("lets only a draft be edited and sent", () => {
    expect(quoteActionBlocker(draft, "edit")).toBeNull();
    expect(quoteActionBlocker(sent, "edit")).toBe("quote_not_draft");
    expect(quoteActionBlocker(sent, "send")).toBe("quote_not_draft");
  });
  it("lets a sent quote be accepted, declined or revised, unless a revision replaced it", () => {
    expect(quoteActionBlocker(sent, "accept")).toBeNull();
    expect(quoteActionBlocker(draft, "accept")).toBe("quote_not_sent");
    expect(quoteActionBlocker({ ...sent, superseded: true }, "accept")).toBe("quote_superseded");
    expect(quoteActionBlocker(sent, "revise")).toBeNull();
    expect(quoteActionBlocker(draft, "revise")).toBe("quote_not_sent");
  });
  it("invoices an accepted quote once", () => {
    const accepted = { ...sent, status: "accepted" } as const;
    expect(quoteActionBlocker(accepted, "invoice")).toBeNull();
    expect(quoteActionBlocker({ ...accepted, invoiced: true }, "invoice")).toBe("quote_invoiced");
    expect(quoteActionBlocker(sent, "invoice")).toBe("quote_not_accepted");
  });
});

describe("isKnownRate", () => {
  it("knows 19, 7 and 0 and the custom rates, however written", () => {
    expect(isKnownRate("19.00", [])).toBe(true);
    expect(isKnownRate("7", [])).toBe(true);
    expect(isKnownRate("16", [])).toBe(false);
    expect(isKnownRate("10.7", ["10.70"])).toBe(true);
    expect(isKnownRate("abc", [])).toBe(false);
  });
});
