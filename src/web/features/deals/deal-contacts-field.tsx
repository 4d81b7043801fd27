import { ActionIcon, Anchor, Group, Input, Radio, Stack, Text } from "@mantine/core";
import { IconX } from "@tabler/icons-react";
import { ContactPicker } from "@web/features/contacts/contact-picker";
import { type Contact, contactDisplayName } from "@web/features/contacts/contacts-api";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export interface DealContactValue {
  contactId: string;
  name: string;
  isPrimary: boolean;
}

interface DealContactsFieldProps {
  value: DealContactValue[];
  onChange: (value: DealContactValue[]) => void;
  error?: ReactNode;
  /** Names link to the contact pages (on the deal page, not inside a dialog). */
  links?: boolean;
}

/** A deal's contacts: add by searching, remove, and mark exactly one as the primary contact. */
export function DealContactsField({ value, onChange, error, links }: DealContactsFieldProps) {
  const { t } = useTranslation();
  // A fresh picker after each pick, so its search text does not linger.
  const [pickerKey, setPickerKey] = useState(0);
  const add = (id: string | null, contact: Contact | null) => {
    if (!id || !contact || value.some((c) => c.contactId === id)) return;
    onChange([...value, { contactId: id, name: contactDisplayName(contact), isPrimary: value.length === 0 }]);
    setPickerKey((k) => k + 1);
  };
  const remove = (id: string) => {
    const rest = value.filter((c) => c.contactId !== id);
    const hasPrimary = rest.some((c) => c.isPrimary);
    onChange(rest.map((c, index) => (hasPrimary || index > 0 ? c : { ...c, isPrimary: true })));
  };
  const primary = value.find((c) => c.isPrimary)?.contactId ?? null;

  return (
    <Stack gap={6}>
      {value.length > 0 && (
        <Radio.Group
          label={t("deal.fields.contacts")}
          description={t("deal.contacts.primaryHint")}
          value={primary}
          onChange={(id) => onChange(value.map((c) => ({ ...c, isPrimary: c.contactId === id })))}
        >
          <Stack gap={4} mt={6}>
            {value.map((contact) => (
              <Group key={contact.contactId} gap="xs" wrap="nowrap" justify="space-between">
                <Radio
                  value={contact.contactId}
                  label={
                    links ? (
                      <Anchor component={Link} to={`/contacts/${contact.contactId}`} size="sm">
                        {contact.name}
                      </Anchor>
                    ) : (
                      <Text size="sm" span>
                        {contact.name}
                      </Text>
                    )
                  }
                  aria-label={t("deal.contacts.makePrimary", { name: contact.name })}
                />
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  onClick={() => remove(contact.contactId)}
                  aria-label={t("deal.contacts.remove", { name: contact.name })}
                >
                  <IconX size={14} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
          </Stack>
        </Radio.Group>
      )}
      <ContactPicker
        key={pickerKey}
        label={value.length > 0 ? t("deal.contacts.addAnother") : t("deal.fields.contacts")}
        value={null}
        onChange={add}
      />
      {error && <Input.Error>{error}</Input.Error>}
    </Stack>
  );
}
