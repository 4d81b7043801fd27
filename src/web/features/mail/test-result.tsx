import { Alert, Code, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import { serverMessage } from "@web/components/server-message";
import { useTranslation } from "react-i18next";
import type { EmailTestResult } from "./mail-api";

/** What a connection test found: that it works, or which step failed, why, and the server's words. */
export function TestResult({ result }: { result: EmailTestResult }) {
  const { t } = useTranslation();
  if (result.ok) {
    return (
      <Alert color="green" icon={<IconCircleCheck aria-hidden />} role="status" title={t("mail.test.ok")}>
        {t("mail.test.okText")}
      </Alert>
    );
  }
  const step = result.failedStep ? t(`mail.test.step.${result.failedStep}`) : t("mail.test.failed");
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle aria-hidden />}
      role="alert"
      title={t("mail.test.failedAt", { step })}
    >
      {result.code && <Text size="sm">{serverMessage({ message: result.code, code: result.code })}</Text>}
      {result.detail && (
        <Text size="xs" c="dimmed" mt={4}>
          {t("mail.test.serverSaid")}{" "}
          <Code style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>{result.detail}</Code>
        </Text>
      )}
    </Alert>
  );
}
