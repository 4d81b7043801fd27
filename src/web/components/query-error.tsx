import { Alert, Button } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { errorMessage } from "./error-message";

interface QueryErrorProps {
  error: unknown;
  onRetry: () => void;
}

/** A failed load in place of the content it would have shown. */
export function QueryError({ error, onRetry }: QueryErrorProps) {
  const { t } = useTranslation();
  const message = errorMessage(error);
  return (
    <Alert color="red" icon={<IconAlertTriangle aria-hidden />} title={t("errors.title")}>
      {message}
      <Button variant="light" color="red" size="xs" mt="sm" display="block" onClick={onRetry}>
        {t("common.retry")}
      </Button>
    </Alert>
  );
}
