import { Alert, Anchor, Button, Group, Stack, Text } from "@mantine/core";
import { IconUsers } from "@tabler/icons-react";
import { PhoneText } from "@web/features/records/phone-link";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { LeadMatch } from "../leads-api";

interface LeadMatchHintProps {
  matches: LeadMatch[];
  onLinkContact: (match: LeadMatch) => void;
  onOpenLead: () => void;
}

const MAX_SHOWN = 3;

/** Existing records with the same email or phone, offered before a duplicate is made. */
export function LeadMatchHint({ matches, onLinkContact, onOpenLead }: LeadMatchHintProps) {
  const { t } = useTranslation();
  if (matches.length === 0) return null;
  return (
    <Alert color="yellow" variant="light" icon={<IconUsers aria-hidden />} p="sm" aria-live="polite">
      <Stack gap="xs">
        {matches.slice(0, MAX_SHOWN).map((match) => (
          <Group key={`${match.kind}-${match.id}`} justify="space-between" gap="xs" wrap="wrap">
            <div>
              <Text size="sm" fw={600}>
                {t("leads.create.match", { name: match.name })}
                {match.companyName ? ` (${match.companyName})` : ""}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`leads.create.matchKind.${match.kind}`)} · {t(`leads.create.matchReason.${match.reason}`)}
                {match.email ? ` · ${match.email}` : ""}
                {match.phone ? " · " : ""}
                {match.phone && <PhoneText value={match.phone} />}
              </Text>
            </div>
            {match.kind === "contact" ? (
              <Button size="compact-sm" variant="light" onClick={() => onLinkContact(match)}>
                {t("leads.create.linkContact")}
              </Button>
            ) : (
              <Anchor component={Link} to={`/leads/${match.id}`} size="sm" fw={500} onClick={onOpenLead}>
                {t("leads.create.openLead")}
              </Anchor>
            )}
          </Group>
        ))}
      </Stack>
    </Alert>
  );
}
