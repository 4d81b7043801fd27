import { Badge, Group } from "@mantine/core";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { useTranslation } from "react-i18next";

/** A record's tags as badges, or null (shown as "not set") when it has none. */
export const tagBadges = (tags: string[]) =>
  tags.length === 0 ? null : (
    <Group gap={4}>
      {tags.map((tag) => (
        <Badge key={tag} variant="outline" size="sm" tt="none">
          {tag}
        </Badge>
      ))}
    </Group>
  );

/** The owner's name for a record page; a user the caller may not list is "another user". */
export function useOwnerName() {
  const { t } = useTranslation();
  const { names } = useOwnerOptions();
  return (ownerId: string | null) =>
    ownerId ? (names.get(ownerId) ?? t("contacts.detail.otherUser")) : null;
}
