import { Alert, Anchor, Stack, Text } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
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
  const { t } = useTranslation();
  const [debounced] = useDebouncedValue(values, 400);
  const matches = useContactMatches({
    email: debounced.email.trim() || undefined,
    phone: debounced.phone.trim() || undefined,
    firstName: debounced.firstName.trim() || undefined,
    lastName: debounced.lastName.trim() || undefined,
    companyId: debounced.companyId ?? undefined,
  });
  const found = matches.data?.data ?? [];
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
          <Text key={m.contact.id} size="sm">
            <Anchor component={Link} to={`/contacts/${m.contact.id}`} target="_blank" size="sm" fw={600}>
              {contactDisplayName(m.contact)}
            </Anchor>{" "}
            ({m.reasons.map((r) => t(`merge.reason.${r}`)).join(", ")})
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
