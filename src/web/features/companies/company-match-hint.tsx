import { useDebouncedValue } from "@mantine/hooks";
import { MatchHint } from "@web/features/records/match-hint";
import { useCompanyMatches } from "./use-companies";

/** While a company is typed in: existing companies with the same website or name, with why. */
export function CompanyMatchHint({ name, website }: { name: string; website: string }) {
  const [debounced] = useDebouncedValue({ name: name.trim(), website: website.trim() }, 400);
  const enabled = debounced.name.length >= 3 || debounced.website.length >= 4;
  const matches = useCompanyMatches(
    { name: debounced.name || undefined, website: debounced.website || undefined },
    enabled,
  );
  const found = enabled ? (matches.data?.data ?? []) : [];
  return (
    <MatchHint
      matches={found.map((m) => ({
        id: m.company.id,
        name: m.company.name,
        href: `/companies/${m.company.id}`,
        reasons: m.reasons,
      }))}
    />
  );
}
