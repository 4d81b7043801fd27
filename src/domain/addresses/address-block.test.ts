import { describe, expect, it } from "vitest";
import { addressBlock, countryLine } from "./address-block";

const DE = { homeCountry: "DE", locale: "de" } as const;
const EN = { homeCountry: "DE", locale: "en" } as const;

describe("addressBlock", () => {
  it("writes company, name line with form of address and title, street and 'PLZ Ort' at home", () => {
    expect(
      addressBlock(
        {
          company: "Straßenbau Müller GmbH",
          person: { salutation: "Frau", title: "Dr.", firstName: "Anna", lastName: "Müller" },
          address: { street: "Hauptstraße 1", postalCode: "10115", city: "Berlin", country: "Deutschland" },
        },
        DE,
      ),
    ).toEqual(["Straßenbau Müller GmbH", "Frau Dr. Anna Müller", "Hauptstraße 1", "10115 Berlin"]);
  });

  it("adds the country in capitals for a letter abroad, in the letter's language", () => {
    const input = {
      company: "Huber KG",
      address: { street: "Ring 2", postalCode: "1010", city: "Wien", country: "AT" },
    };
    expect(addressBlock(input, DE)).toEqual(["Huber KG", "Ring 2", "1010 Wien", "ÖSTERREICH"]);
    expect(addressBlock(input, EN)).toEqual(["Huber KG", "Ring 2", "1010 Wien", "AUSTRIA"]);
  });

  it("leaves out empty lines and squeezes spaces", () => {
    expect(
      addressBlock({ company: "  ", person: { lastName: " Meyer " }, address: { city: "  Köln " } }, DE),
    ).toEqual(["Meyer", "Köln"]);
    expect(addressBlock({ address: null }, DE)).toEqual([]);
  });
});

describe("countryLine", () => {
  it.each([
    ["DE", null],
    ["Germany", null],
    ["deutschland", null],
    ["Schweiz", "SCHWEIZ"],
    ["France", "FRANKREICH"],
    ["Atlantis", "ATLANTIS"],
  ])("%s → %s (sender in Germany)", (country, line) => {
    expect(countryLine(country, DE)).toBe(line);
  });

  it("is relative to the sender's country", () => {
    expect(countryLine("Deutschland", { homeCountry: "AT", locale: "de" })).toBe("DEUTSCHLAND");
    expect(countryLine("AT", { homeCountry: "AT", locale: "de" })).toBeNull();
  });
});
