import { Alert, Anchor, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconCopy } from "@tabler/icons-react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { companiesApi } from "./companies-api";

/** While a company is typed in: existing companies with the same website or name, with why. */
export function CompanyMatchHint({ name, website }: { name: string; website: string }) {
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue({ name: name.trim(), website: website.trim() }, 400);
  const enabled = debounced.name.length >= 3 || debounced.website.length >= 4;
  const matches = useQuery({
    queryKey: ["companies", "matches", debounced],
    queryFn: ({ signal }) =>
      companiesApi.matches(
        { name: debounced.name || undefined, website: debounced.website || undefined },
        signal,
      ),
    enabled,
    placeholderData: keepPreviousData,
  });
  const found = enabled ? (matches.data?.data ?? []) : [];
  if (found.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconCopy size={16} aria-hidden />}
      title={t("merge.hintTitle")}
    >
      <Stack gap={4}>
        {found.slice(0, 5).map((m) => (
          <Text key={m.company.id} size="sm">
            <Anchor component={Link} to={`/companies/${m.company.id}`} target="_blank" size="sm" fw={600}>
              {m.company.name}
            </Anchor>{" "}
            ({m.reasons.map((r) => t(`merge.reason.${r}`)).join(", ")})
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
