import ICAL from "ical.js";

/** What a vCard of a contact holds (the API's contact shape, narrowed). */
export interface VcardContact {
  id: string;
  salutation: string | null;
  title: string | null;
  firstName: string | null;
  lastName: string;
  companyName: string | null;
  jobTitle: string | null;
  department: string | null;
  emails: { value: string; type: string; primary: boolean }[];
  phones: { value: string; type: string; primary: boolean }[];
  addresses: {
    type: string;
    street?: string | null;
    postalCode?: string | null;
    city?: string | null;
    country?: string | null;
  }[];
  birthday: string | null;
  description: string | null;
  tags: string[];
  updatedAt: string;
}

const EMAIL_TYPES: Record<string, string | undefined> = { work: "work", private: "home" };
const PHONE_TYPES: Record<string, string[] | undefined> = {
  work: ["work", "voice"],
  mobile: ["cell"],
  private: ["home", "voice"],
  fax: ["fax"],
};
const ADDRESS_TYPES: Record<string, string | undefined> = {
  private: "home",
  billing: "work",
  shipping: "work",
};

/**
 * The contact as a vCard 4.0 (RFC 6350), written by ical.js, which escapes text values and folds
 * long lines at 75 octets. Phone numbers go as text, since a typed-in number is not always a valid
 * tel: URI.
 */
export function writeVcard(contact: VcardContact): string {
  const card = new ICAL.Component(["vcard", [], []]);
  const add = (name: string, value: unknown, params: Record<string, string | string[]> = {}) => {
    const prop = new ICAL.Property(name, card);
    for (const [key, v] of Object.entries(params)) prop.setParameter(key, v);
    prop.setValue(value as string);
    card.addProperty(prop);
    return prop;
  };
  add("version", "4.0");
  add("kind", "individual");
  add("uid", `urn:uuid:${contact.id}`);
  const fn = [contact.title, contact.firstName, contact.lastName].filter(Boolean).join(" ");
  add("fn", fn);
  add("n", [
    contact.lastName,
    contact.firstName ?? "",
    "",
    [contact.salutation, contact.title].filter(Boolean).join(" "),
    "",
  ]);
  if (contact.companyName)
    add("org", contact.department ? [contact.companyName, contact.department] : [contact.companyName]);
  if (contact.jobTitle) add("title", contact.jobTitle);
  for (const email of contact.emails) {
    const type = EMAIL_TYPES[email.type];
    add("email", email.value, { ...(type ? { type } : {}), ...(email.primary ? { pref: "1" } : {}) });
  }
  for (const phone of contact.phones) {
    const prop = new ICAL.Property("tel", card);
    prop.resetType("text");
    const type = PHONE_TYPES[phone.type];
    if (type) prop.setParameter("type", type);
    if (phone.primary) prop.setParameter("pref", "1");
    prop.setValue(phone.value);
    card.addProperty(prop);
  }
  for (const a of contact.addresses) {
    const type = ADDRESS_TYPES[a.type];
    add(
      "adr",
      ["", "", a.street ?? "", a.city ?? "", "", a.postalCode ?? "", a.country ?? ""],
      type ? { type } : {},
    );
  }
  if (contact.birthday) add("bday", contact.birthday);
  if (contact.description) add("note", contact.description);
  if (contact.tags.length > 0) {
    const prop = new ICAL.Property("categories", card);
    prop.setValues(contact.tags);
    card.addProperty(prop);
  }
  add("rev", contact.updatedAt.replace(/\.\d+/, ""));
  return `${foldOctets(card.toString())}\r\n`;
}

/**
 * RFC 6350 §3.2 folds at 75 octets; ical.js counts characters, so a line with umlauts could run
 * longer. Refolded here by UTF-8 length, never inside a character.
 */
function foldOctets(text: string): string {
  return text
    .replace(/\r\n[ \t]/g, "")
    .split("\r\n")
    .map((line) => {
      const parts: string[] = [];
      let current = "";
      let size = 0;
      for (const ch of line) {
        const bytes = new TextEncoder().encode(ch).length;
        const limit = parts.length === 0 ? 75 : 74; // continuation lines start with a space
        if (size + bytes > limit) {
          parts.push(current);
          current = "";
          size = 0;
        }
        current += ch;
        size += bytes;
      }
      parts.push(current);
      return parts.join("\r\n ");
    })
    .join("\r\n");
}
