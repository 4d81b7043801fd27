import { type AbilityEntity, ACCOUNT_ABILITIES, RECORD_ABILITIES } from "@domain/policy/policy";
import { z } from "zod";

type AbilityShape<E extends AbilityEntity> = { [K in keyof (typeof RECORD_ABILITIES)[E]]: z.ZodBoolean };

/**
 * A record's `abilities` (API.md): what the current user may do with it, one flag per action of
 * RECORD_ABILITIES in src/domain/policy/policy.ts, so a new action there shows up here and in OpenAPI.
 */
function abilitiesSchema<E extends AbilityEntity>(entity: E) {
  const names = Object.keys(RECORD_ABILITIES[entity]);
  // Object.fromEntries forgets the keys; they are exactly RECORD_ABILITIES[entity]'s.
  const shape = Object.fromEntries(names.map((name) => [name, z.boolean()])) as AbilityShape<E>;
  return z.object(shape).describe(`What the current user may do with this ${entity}: ${names.join(", ")}`);
}

export const leadAbilitiesSchema = abilitiesSchema("lead");
export const contactAbilitiesSchema = abilitiesSchema("contact");
export const companyAbilitiesSchema = abilitiesSchema("company");
export const dealAbilitiesSchema = abilitiesSchema("deal");
export const activityAbilitiesSchema = abilitiesSchema("activity");
export const quoteAbilitiesSchema = abilitiesSchema("quote");
export const invoiceAbilitiesSchema = abilitiesSchema("invoice");

/**
 * The actions on no single record (ACCOUNT_ABILITIES) the logged-in user may take, by action name:
 * `GET /me` carries them, so the web shows the user, team, pipeline and settings pages to whom they work.
 */
export const accountAbilitiesSchema = z
  .object(
    Object.fromEntries(ACCOUNT_ABILITIES.map((action) => [action, z.boolean()])) as {
      [A in (typeof ACCOUNT_ABILITIES)[number]]: z.ZodBoolean;
    },
  )
  .describe("What the logged-in user may do beyond single records, by action of the policy");
