import { Group, Select, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { PasswordField } from "@web/components/password-field";
import { useTranslation } from "react-i18next";

/** What the SMTP and IMAP forms share: server, port, security, login. */
export interface ServerValues {
  host: string;
  port: string;
  security: "tls" | "starttls" | "none";
  user: string;
  password: string;
}

/** A port is an identifier, not a quantity: plain digits, no locale grouping ("2.525" would mislead). */
export function portError(value: string, t: (key: "mail.portInvalid") => string): string | null {
  const port = Number(value);
  return /^\d{1,5}$/.test(value.trim()) && port >= 1 && port <= 65535 ? null : t("mail.portInvalid");
}

export function ServerFields<V extends ServerValues>({
  form,
  passwordSet,
  disabled,
  hostPlaceholder,
  required,
}: {
  form: UseFormReturnType<V>;
  passwordSet: boolean;
  disabled: boolean;
  hostPlaceholder: string;
  /** Server and port are required (not for a mailbox that is switched off). */
  required: boolean;
}) {
  const { t } = useTranslation();
  const input = (path: keyof ServerValues) => form.getInputProps(path as never);
  return (
    <>
      <Group grow align="flex-start" wrap="wrap">
        <TextInput
          label={t("mail.host")}
          placeholder={hostPlaceholder}
          required={required}
          disabled={disabled}
          miw={220}
          {...input("host")}
        />
        <TextInput
          label={t("mail.port")}
          inputMode="numeric"
          required={required}
          disabled={disabled}
          maw={120}
          {...input("port")}
        />
        <Select
          label={t("mail.security")}
          disabled={disabled}
          allowDeselect={false}
          miw={200}
          data={(["tls", "starttls", "none"] as const).map((value) => ({
            value,
            label: t(`mail.securityMode.${value}`),
          }))}
          {...input("security")}
        />
      </Group>
      <Group grow align="flex-start" wrap="wrap">
        <TextInput
          label={t("mail.user")}
          autoComplete="off"
          disabled={disabled}
          miw={220}
          {...input("user")}
        />
        <PasswordField
          label={t("mail.password")}
          description={passwordSet ? t("mail.passwordKept") : t("mail.passwordNone")}
          // Below the input, so the field lines up with the user name beside it.
          inputWrapperOrder={["label", "input", "description", "error"]}
          autoComplete="new-password"
          disabled={disabled}
          miw={220}
          {...input("password")}
        />
      </Group>
    </>
  );
}
