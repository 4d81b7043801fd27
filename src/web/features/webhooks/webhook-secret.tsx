import { SecretOnce } from "@web/components/secret-once";
import { useTranslation } from "react-i18next";

/** The one and only time a subscription's signing secret is visible. */
export function WebhookSecret({ secret, onDone }: { secret: string; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <SecretOnce
      secret={secret}
      warning={t("webhooks.secretWarning")}
      label={t("webhooks.secretLabel")}
      copyLabel={t("webhooks.copy")}
      copiedLabel={t("webhooks.copied")}
      onDone={onDone}
    />
  );
}
