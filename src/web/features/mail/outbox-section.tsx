import { Badge, Button, Group, Table, Text, VisuallyHidden } from "@mantine/core";
import { notifyError } from "@web/components/notify";
import { QueryStates } from "@web/components/query-states";
import { SectionCard } from "@web/components/section-card";
import { serverMessage } from "@web/components/server-message";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import type { OutboxMail } from "./mail-api";
import { useOutbox, useRetryMail } from "./use-mail";

const STATE_COLOR = { queued: "yellow", sending: "blue", sent: "green", failed: "red" } as const;

/** The outbox for admins: every outgoing mail, its state, why it waits, and a retry. */
export function OutboxSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const outbox = useOutbox();
  const retry = useRetryMail();
  const mails = outbox.data?.pages.flatMap((p) => p.data) ?? [];

  const why = (mail: OutboxMail) => {
    if (mail.state === "sent")
      return mail.sentAt ? t("mail.outbox.sentAt", { at: format.dateTime(mail.sentAt) }) : "";
    const reason = mail.lastErrorCode
      ? serverMessage({ message: mail.lastErrorCode, code: mail.lastErrorCode })
      : "";
    const next =
      mail.state === "queued" && mail.nextAttemptAt && mail.attempts > 0
        ? t("mail.outbox.nextAttempt", { at: format.dateTime(mail.nextAttemptAt) })
        : "";
    return [reason, next].filter(Boolean).join(" · ");
  };

  return (
    <SectionCard title={t("mail.outbox.title")}>
      <QueryStates query={outbox} isEmpty={mails.length === 0} emptyText={t("mail.outbox.empty")} compact />
      {mails.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" striped aria-label={t("mail.outbox.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("mail.outbox.created")}</Table.Th>
                <Table.Th>{t("mail.outbox.to")}</Table.Th>
                <Table.Th>{t("mail.outbox.subject")}</Table.Th>
                <Table.Th>{t("mail.outbox.state")}</Table.Th>
                <Table.Th ta="right">{t("mail.outbox.attempts")}</Table.Th>
                <Table.Th>{t("mail.outbox.details")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mails.map((mail) => (
                <Table.Tr key={mail.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{format.dateTime(mail.createdAt)}</Table.Td>
                  <Table.Td>{mail.to.join(", ")}</Table.Td>
                  <Table.Td>{mail.subject}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Badge
                      styles={{ label: { overflow: "visible" } }}
                      color={STATE_COLOR[mail.state]}
                      variant="light"
                    >
                      {t(`mail.outbox.states.${mail.state}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{format.number(mail.attempts)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{why(mail)}</Text>
                    {mail.lastError && mail.state !== "sent" && (
                      <Text size="xs" c="dimmed" style={{ wordBreak: "break-word" }}>
                        {mail.lastError}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {(mail.state === "queued" || mail.state === "failed") && (
                      <Button
                        size="xs"
                        variant="default"
                        loading={retry.isPending && retry.variables === mail.id}
                        onClick={() => retry.mutate(mail.id, { onError: (error) => notifyError(error) })}
                        aria-label={t("mail.outbox.retryOne", { subject: mail.subject })}
                      >
                        {t("mail.outbox.retry")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {outbox.hasNextPage && (
        <Group justify="center" mt="sm">
          <Button
            variant="subtle"
            onClick={() => void outbox.fetchNextPage()}
            loading={outbox.isFetchingNextPage}
          >
            {t("common.loadMore")}
          </Button>
        </Group>
      )}
    </SectionCard>
  );
}
