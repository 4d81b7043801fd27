import { CONTACT_SCALAR_FIELDS, type ContactMergeField } from "./contact-fields";
import { type ContactPoint, withOnePrimary } from "./contact-points";
import { type MergeSide, pickValue, unionBy } from "./merge-values";

export type { MergeSide };

export type ContactMergeChoices = Partial<Record<ContactMergeField, MergeSide>>;

export interface MergeableContact {
  salutation: string | null;
  title: string | null;
  firstName: string | null;
  lastName: string;
  companyId: string | null;
  jobTitle: string | null;
  department: string | null;
  birthday: string | null;
  leadSource: string | null;
  ownerId: string | null;
  description: string | null;
  marketingConsent: { given: boolean; source: string | null; at: string | null };
  emails: ContactPoint[];
  phones: ContactPoint[];
  addresses: Record<string, unknown>[];
  tags: string[];
}

/**
 * Both sides' emails or phones: nothing is dropped, the chosen side's entries come first and its
 * primary stays primary.
 */
function mergePoints(
  survivor: ContactPoint[],
  loser: ContactPoint[],
  choice: MergeSide | undefined,
  key: (v: string) => string,
): ContactPoint[] {
  const [first, second] = choice === "loser" ? [loser, survivor] : [survivor, loser];
  if (first.length === 0) return withOnePrimary(second);
  const ordered = [...withOnePrimary(first), ...second.map((p) => ({ ...p, primary: false }))];
  return unionBy(ordered, [], (p) => key(p.value));
}

/**
 * What the survivor looks like after the merge: each field from the side the user chose (see
 * `pickValue` for fields without a choice); emails, phones, addresses and tags of both sides are kept.
 */
export function planContactMerge(
  survivor: MergeableContact,
  loser: MergeableContact,
  choices: ContactMergeChoices,
): MergeableContact {
  const merged = { ...survivor };
  for (const field of CONTACT_SCALAR_FIELDS) {
    (merged as Record<string, unknown>)[field] = pickValue(survivor[field], loser[field], choices[field]);
  }
  merged.lastName = pickValue(survivor.lastName, loser.lastName, choices.lastName) || survivor.lastName;
  merged.marketingConsent =
    choices.marketingConsent === "loser" ? loser.marketingConsent : survivor.marketingConsent;
  merged.emails = mergePoints(survivor.emails, loser.emails, choices.emails, (v) => v.trim().toLowerCase());
  merged.phones = mergePoints(survivor.phones, loser.phones, choices.phones, (v) => v.replace(/\D/g, ""));
  const [firstAddresses, secondAddresses] =
    choices.addresses === "loser"
      ? [loser.addresses, survivor.addresses]
      : [survivor.addresses, loser.addresses];
  merged.addresses = unionBy(firstAddresses, secondAddresses, (a) => JSON.stringify(a));
  merged.tags = unionBy(survivor.tags, loser.tags, (t) => t);
  return merged;
}

export interface DealContactLink {
  dealId: string;
  contactId: string;
  isPrimary: boolean;
}

/**
 * How the loser's deal links move: repointed to the survivor, or dropped where the deal already
 * lists the survivor (deal_contacts has one row per deal and contact). A deal whose primary contact
 * was the loser keeps the survivor as primary.
 */
export function planDealContactMoves(links: readonly DealContactLink[], survivorId: string, loserId: string) {
  const survivorDeals = new Set(links.filter((l) => l.contactId === survivorId).map((l) => l.dealId));
  const repoint: string[] = [];
  const drop: string[] = [];
  const makePrimary: string[] = [];
  for (const link of links) {
    if (link.contactId !== loserId) continue;
    if (survivorDeals.has(link.dealId)) {
      drop.push(link.dealId);
      if (link.isPrimary) makePrimary.push(link.dealId);
    } else repoint.push(link.dealId);
  }
  return { repoint, drop, makePrimary };
}
