import { Group, Pill, Stack } from "@mantine/core";
import { ContactPicker } from "@web/features/contacts/contact-picker";
import { contactDisplayName } from "@web/features/contacts/contacts-api";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";

export interface ContactParticipant {
  id: string;
  name: string;
}

interface ContactParticipantsFieldProps {
  value: readonly ContactParticipant[];
  onChange: (next: ContactParticipant[]) => void;
  error?: ReactNode;
}

/**
 * The contacts taking part: each picked contact becomes a removable pill, and the picker empties
 * again for the next one.
 */
export function ContactParticipantsField({ value, onChange, error }: ContactParticipantsFieldProps) {
  const { t } = useTranslation();
  // Each pick remounts the picker empty, ready for the next contact.
  const [picks, setPicks] = useState(0);
  return (
    <Stack gap={6}>
      <ContactPicker
        key={picks}
        label={t("activities.form.contactParticipants")}
        value={null}
        onChange={(id, contact) => {
          if (!id) return;
          setPicks((n) => n + 1);
          if (value.some((p) => p.id === id)) return;
          onChange([...value, { id, name: contact ? contactDisplayName(contact) : id }]);
        }}
        error={error}
      />
      {value.length > 0 && (
        <Group gap={6} wrap="wrap">
          {value.map((participant) => (
            <Pill
              key={participant.id}
              withRemoveButton
              onRemove={() => onChange(value.filter((p) => p.id !== participant.id))}
              // Mantine hides the remove button from the keyboard (it is meant for inputs); here it is the only way.
              removeButtonProps={{
                tabIndex: 0,
                "aria-hidden": false,
                "aria-label": t("activities.form.removeParticipant", { name: participant.name }),
              }}
            >
              {participant.name}
            </Pill>
          ))}
        </Group>
      )}
    </Stack>
  );
}
