import { describe, expect, it } from "vitest";
import { attentionReasons, isOverdue, titleWithoutCompany } from "./card-attention";

const now = new Date("2026-12-07T09:00:00Z");
const healthy = {
  status: "open",
  rotting: false,
  nextActivityAt: "2026-12-08T10:00:00Z",
  expectedCloseDate: "2027-03-31",
  today: "2026-12-07",
  daysInStage: 2,
  medianDaysInStage: 10,
  now,
};

describe("attentionReasons", () => {
  it("is empty for a healthy open deal and for any closed deal", () => {
    expect(attentionReasons(healthy)).toEqual([]);
    expect(attentionReasons({ ...healthy, status: "won", rotting: true, nextActivityAt: undefined })).toEqual(
      [],
    );
  });

  it("names every reason once, most urgent first", () => {
    expect(
      attentionReasons({
        ...healthy,
        rotting: true,
        nextActivityAt: "2026-12-06T10:00:00Z",
        expectedCloseDate: "2026-12-01",
        daysInStage: 40,
      }),
    ).toEqual(["overdue_activity", "rotting", "close_date_passed", "stuck"]);
    expect(attentionReasons({ ...healthy, nextActivityAt: undefined })).toEqual(["no_next_activity"]);
  });

  it("counts a next activity without a time as a next step, never as overdue", () => {
    expect(attentionReasons({ ...healthy, nextActivityAt: null })).toEqual([]);
  });
});

describe("isOverdue", () => {
  it("is true only once the activity's time has passed", () => {
    expect(isOverdue("2026-12-07T08:59:59Z", now)).toBe(true);
    expect(isOverdue("2026-12-07T09:00:01Z", now)).toBe(false);
    expect(isOverdue(null, now)).toBe(false);
    expect(isOverdue("not a date", now)).toBe(false);
  });
});

describe("titleWithoutCompany", () => {
  it("leaves out a company name the title starts or ends with", () => {
    expect(titleWithoutCompany("Hansen GmbH – Kompressor K-200", "Hansen GmbH")).toBe("Kompressor K-200");
    expect(titleWithoutCompany("Kompressor K-200 (hansen gmbh)", "Hansen GmbH")).toBe(
      "Kompressor K-200 (hansen gmbh)",
    );
    expect(titleWithoutCompany("Wartung 2027: Hansen GmbH", "Hansen GmbH")).toBe("Wartung 2027");
    expect(titleWithoutCompany("hansen gmbh Retrofit", "Hansen GmbH")).toBe("Retrofit");
  });

  it("keeps titles that only contain the name inside a word, or are only the name", () => {
    expect(titleWithoutCompany("Hansenwerk Umbau", "Hansen")).toBe("Hansenwerk Umbau");
    expect(titleWithoutCompany("Hansen GmbH", "Hansen GmbH")).toBe("Hansen GmbH");
    expect(titleWithoutCompany("Umbau bei Hansen und Co", "Hansen")).toBe("Umbau bei Hansen und Co");
    expect(titleWithoutCompany("Retrofit", null)).toBe("Retrofit");
  });
});
