import { Anchor, Badge, Button, Group, Table, Text } from "@mantine/core";
import { QueryStates } from "@web/components/query-states";
import { SectionCard } from "@web/components/section-card";
import { serverMessage } from "@web/components/server-message";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { InboundMail } from "./mail-api";
import { useInboundMails } from "./use-mail";

const STATUS_COLOR = { accepted: "green", ignored: "gray", rejected: "red" } as const;

function RecordLink({ mail }: { mail: InboundMail }) {
  const { t } = useTranslation();
  if (mail.leadId)
    return (
      <Anchor component={Link} to={`/leads/${mail.leadId}`}>
        {t("mail.inbound.toLead")}
      </Anchor>
    );
  if (mail.contactId)
    return (
      <Anchor component={Link} to={`/contacts/${mail.contactId}`}>
        {t("mail.inbound.toContact")}
      </Anchor>
    );
  return null;
}

/** Incoming mail and what became of each: a lead, a contact's timeline, ignored or rejected and why. */
export function InboundSection() {
  const { t } = useTranslation();
  const format = useFormat();
  const inbound = useInboundMails();
  const mails = inbound.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <SectionCard title={t("mail.inbound.title")}>
      <QueryStates query={inbound} isEmpty={mails.length === 0} emptyText={t("mail.inbound.empty")} compact />
      {mails.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" striped aria-label={t("mail.inbound.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("mail.inbound.received")}</Table.Th>
                <Table.Th>{t("mail.inbound.from")}</Table.Th>
                <Table.Th>{t("mail.outbox.subject")}</Table.Th>
                <Table.Th>{t("mail.inbound.status")}</Table.Th>
                <Table.Th>{t("mail.outbox.details")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {mails.map((mail) => (
                <Table.Tr key={mail.id}>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>{format.dateTime(mail.receivedAt)}</Table.Td>
                  <Table.Td>{mail.fromAddress ?? t("common.notSet")}</Table.Td>
                  <Table.Td>{mail.subject || t("common.notSet")}</Table.Td>
                  <Table.Td style={{ whiteSpace: "nowrap" }}>
                    <Badge
                      styles={{ label: { overflow: "visible" } }}
                      color={STATUS_COLOR[mail.status]}
                      variant="light"
                    >
                      {t(`mail.inbound.statuses.${mail.status}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {mail.reason ? (
                      <Text size="sm">{serverMessage({ message: mail.reason, code: mail.reason })}</Text>
                    ) : (
                      <RecordLink mail={mail} />
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {inbound.hasNextPage && (
        <Group justify="center" mt="sm">
          <Button
            variant="subtle"
            onClick={() => void inbound.fetchNextPage()}
            loading={inbound.isFetchingNextPage}
          >
            {t("common.loadMore")}
          </Button>
        </Group>
      )}
    </SectionCard>
  );
}
