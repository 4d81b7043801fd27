import { describe, expect, it } from "vitest";
import { type AddressedPerson, letterSalutation } from "./letter-salutation";

const person = (p: Partial<AddressedPerson>): AddressedPerson => ({
  salutation: null,
  title: null,
  firstName: null,
  lastName: null,
  formality: "formal",
  ...p,
});

describe("letterSalutation", () => {
  it.each([
    [
      { salutation: "Frau", title: "Dr.", firstName: "Anna", lastName: "Müller" },
      "Sehr geehrte Frau Dr. Müller",
      "Dear Dr Müller",
    ],
    [
      { salutation: "Herr", firstName: "Jan", lastName: "Schmidt" },
      "Sehr geehrter Herr Schmidt",
      "Dear Mr Schmidt",
    ],
    [{ salutation: "Frau", lastName: "Müller" }, "Sehr geehrte Frau Müller", "Dear Ms Müller"],
    [{ salutation: "Mrs", lastName: "Smith" }, "Sehr geehrte Frau Smith", "Dear Mrs Smith"],
    [
      { salutation: "Herr", title: "Prof. Dr.", lastName: "Weber" },
      "Sehr geehrter Herr Prof. Dr. Weber",
      "Dear Professor Weber",
    ],
    [
      { salutation: "Herr", title: "Dipl.-Ing.", lastName: "Weber" },
      "Sehr geehrter Herr Weber",
      "Dear Mr Weber",
    ],
    [
      { salutation: "Divers", firstName: "Alex", lastName: "Meyer" },
      "Guten Tag Alex Meyer",
      "Dear Alex Meyer",
    ],
    [{ firstName: "Alex", lastName: "Meyer" }, "Guten Tag Alex Meyer", "Dear Alex Meyer"],
    [{ title: "Dr.", firstName: "Alex", lastName: "Meyer" }, "Guten Tag Dr. Alex Meyer", "Dear Dr Meyer"],
    [
      { salutation: "Frau", firstName: "Anna", lastName: "Müller", formality: "informal" as const },
      "Hallo Anna",
      "Hi Anna",
    ],
    // Du without a first name: the formal line is the only one that names the person.
    [
      { salutation: "Frau", lastName: "Müller", formality: "informal" as const },
      "Sehr geehrte Frau Müller",
      "Dear Ms Müller",
    ],
    [{ salutation: "Frau" }, "Sehr geehrte Damen und Herren", "Dear Sir or Madam"],
    [{ salutation: " herr. ", lastName: " Schmidt " }, "Sehr geehrter Herr Schmidt", "Dear Mr Schmidt"],
  ])("%o → %s / %s", (p, de, en) => {
    expect(letterSalutation(person(p), "de")).toBe(de);
    expect(letterSalutation(person(p), "en")).toBe(en);
  });
});
