import { Alert, List, Text } from "@mantine/core";
import { IconAlertTriangle } from "@tabler/icons-react";
import { serverMessage } from "@web/components/server-message";
import { useTranslation } from "react-i18next";
import type { BulkResult } from "../leads-api";

interface BulkResultAlertProps {
  result: BulkResult;
  /** Names of the leads as the user saw them when they selected them. */
  names: ReadonlyMap<string, string>;
  onClose: () => void;
}

/** Which leads a bulk action left alone, and why (the server's reason per lead). */
export function BulkResultAlert({ result, names, onClose }: BulkResultAlertProps) {
  const { t } = useTranslation();
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconAlertTriangle aria-hidden />}
      title={t("leads.bulk.resultTitle", { updated: result.updated.length, skipped: result.skipped.length })}
      withCloseButton
      closeButtonLabel={t("leads.bulk.dismiss")}
      onClose={onClose}
    >
      <Text size="sm" mb={4}>
        {t("leads.bulk.skippedIntro")}
      </Text>
      <List size="sm" spacing={2}>
        {result.skipped.map((item) => (
          <List.Item key={item.id}>
            <Text span fw={600} size="sm">
              {names.get(item.id) ?? item.id}
            </Text>
            {": "}
            {serverMessage({ message: item.reason, code: item.code, params: item.params })}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
