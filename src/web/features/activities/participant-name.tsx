import { Text, Tooltip } from "@mantine/core";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import type { ActivityParticipant } from "./activities-api";

/** A contact participant the reader may not see: the API withholds its name (`visible: false`). */
export const isHiddenContact = (p: Pick<ActivityParticipant, "kind" | "visible">) =>
  p.kind === "contact" && !p.visible;

/** The participant's name, or "a contact you cannot see" in the reader's language (form pills). */
export function participantName(p: ActivityParticipant, t: TFunction): string {
  return isHiddenContact(p) ? t("activities.hiddenContact") : p.name;
}

/** The contacts' names the reader may see, then how many they may not ("2 contacts you cannot see"). */
export function contactNames(participants: readonly ActivityParticipant[], t: TFunction): string[] {
  const contacts = participants.filter((p) => p.kind === "contact");
  const hidden = contacts.filter(isHiddenContact).length;
  const names = contacts.filter((p) => !isHiddenContact(p)).map((p) => p.name);
  return hidden > 0 ? [...names, t("activities.hiddenContacts", { count: hidden })] : names;
}

/** "N contacts you cannot see", with the reason on hover or keyboard focus. */
export function HiddenContacts({ count }: { count: number }) {
  const { t } = useTranslation();
  return (
    <Tooltip
      label={t("activities.hiddenContactHint", { count })}
      multiline
      w={260}
      events={{ hover: true, focus: true, touch: true }}
    >
      <Text span size="sm" fs="italic" tabIndex={0} data-testid="hidden-contacts">
        {t("activities.hiddenContacts", { count })}
      </Text>
    </Tooltip>
  );
}
