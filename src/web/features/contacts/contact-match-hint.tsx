import { useDebouncedValue } from "@mantine/hooks";
import { MatchHint } from "@web/features/records/match-hint";
import { contactDisplayName } from "./contacts-api";
import { useContactMatches } from "./use-contacts";

interface MatchValues {
  firstName: string;
  lastName: string;
  companyId: string | null;
  email: string;
  phone: string;
}

/** While a contact is typed in: existing contacts that look like the same person, with why. */
export function ContactMatchHint({ values }: { values: MatchValues }) {
  const [debounced] = useDebouncedValue(values, 400);
  const matches = useContactMatches({
    email: debounced.email.trim() || undefined,
    phone: debounced.phone.trim() || undefined,
    firstName: debounced.firstName.trim() || undefined,
    lastName: debounced.lastName.trim() || undefined,
    companyId: debounced.companyId ?? undefined,
  });
  return (
    <MatchHint
      matches={(matches.data?.data ?? []).map((m) => ({
        id: m.contact.id,
        name: contactDisplayName(m.contact),
        href: `/contacts/${m.contact.id}`,
        reasons: m.reasons,
      }))}
    />
  );
}
