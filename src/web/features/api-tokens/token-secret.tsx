import type { CreatedApiToken } from "@shared/schemas/account";
import { SecretOnce } from "@web/components/secret-once";
import { useTranslation } from "react-i18next";

/** The one and only time the secret is visible. */
export function TokenSecret({ token, onDone }: { token: CreatedApiToken; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <SecretOnce
      secret={token.token}
      warning={t("apiTokens.secretWarning")}
      label={t("apiTokens.secretLabel")}
      copyLabel={t("apiTokens.copy")}
      copiedLabel={t("apiTokens.copied")}
      onDone={onDone}
    />
  );
}
