import { homeCountryOf } from "@domain/addresses/address-block";
import { useLetterhead } from "@web/features/quotes/use-letterhead";

/**
 * The country the team works from (issue #20): the letterhead's country in Settings → Letterhead,
 * Germany when it is empty. Phones of that country show in national format, addresses there need
 * no country line.
 */
export function useHomeCountry(): string {
  return homeCountryOf(useLetterhead().data?.country);
}
