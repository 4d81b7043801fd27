import { describe, expect, it } from "vitest";
import { checkVatId } from "./vat-id-check";

describe("checkVatId", () => {
  it.each([
    ["DE136695976", "DE136695976"],
    ["de 136.695.976", "DE136695976"],
    ["DE811907980", "DE811907980"],
    ["ATU13585627", "ATU13585627"],
    ["FR40303265045", "FR40303265045"],
    ["NL004495445B01", "NL004495445B01"],
    ["EL094259216", "EL094259216"],
    ["ESX2482300W", "ESX2482300W"],
    // A prefix the library has no rules for keeps the general shape (Northern Ireland's XI).
    ["XI980780684", "XI980780684"],
  ])("accepts %s as %s", (typed, stored) => {
    expect(checkVatId(typed)).toEqual({ ok: true, vatId: stored });
  });

  it.each([
    // The German check digit (ISO 7064 MOD 11,10): the last digit of DE136695976 changed.
    ["DE136695978", "vat_id_check_digit"],
    ["DE123456789", "vat_id_check_digit"],
    ["DE12345678", "vat_id_invalid"],
    ["DE1234567890", "vat_id_invalid"],
    ["AT13585627", "vat_id_invalid"],
    ["NL004495445C01", "vat_id_invalid"],
    ["GR094259216", "vat_id_invalid"],
    ["136695976", "vat_id_invalid"],
    ["X", "vat_id_invalid"],
    ["DE13669597\u0000", "vat_id_invalid"],
  ])("refuses %s with %s", (typed, code) => {
    expect(checkVatId(typed)).toEqual({ ok: false, code });
  });
});
