import { Anchor, Badge, Group, Stack, Table, Text, Title } from "@mantine/core";
import type { CompanyFile } from "@shared/schemas/company-file";
import { SectionCard } from "@web/components/section-card";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

type Money = { amount: string; currency: string };

/** The company file's quotes, invoices (open amount, revenue this year) and every email of its contacts. */
export function CompanyDocumentsCard({ file }: { file: CompanyFile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = (m: Money) => format.money({ amount: Number(m.amount), currency: m.currency });
  const sums = (list: Money[]) =>
    list.length === 0 ? money({ amount: "0", currency: "EUR" }) : list.map(money).join(" · ");
  // One panel, as the company file always announced it, with quotes, invoices and emails each in its own section.
  return (
    <SectionCard title={t("companies.detail.quotesEmails")}>
      <Stack gap="md">
        <Stack gap="sm" component="section" aria-label={t("companies.detail.quotesInvoices")}>
          <Group gap="xl">
            <Text size="sm">
              {t("companies.detail.openAmount")}:{" "}
              <b data-testid="company-open-amount">{sums(file.invoiceTotals.open)}</b>
            </Text>
            <Text size="sm">
              {t("companies.detail.revenueThisYear")}:{" "}
              <b data-testid="company-revenue">{sums(file.invoiceTotals.revenueThisYear)}</b>
            </Text>
          </Group>
          <Title order={3} size="h6">
            {t("quotes.title")}
          </Title>
          {file.quotes.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("quotes.empty")}
            </Text>
          ) : (
            <Table aria-label={t("quotes.title")}>
              <Table.Tbody>
                {file.quotes.map((q) => (
                  <Table.Tr key={q.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/deals/${q.dealId}`} size="sm">
                        {q.number ?? t("quotes.draft")}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light">{t(`quotes.status.${q.status}`)}</Badge>
                    </Table.Td>
                    <Table.Td ta="right">{money(q.totals.gross)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Title order={3} size="h6">
            {t("invoices.title")}
          </Title>
          {file.invoices.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("invoices.empty")}
            </Text>
          ) : (
            <Table aria-label={t("invoices.title")}>
              <Table.Tbody>
                {file.invoices.map((inv) => (
                  <Table.Tr key={inv.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/deals/${inv.dealId}`} size="sm">
                        {inv.number}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light">{t(`invoices.status.${inv.status}`)}</Badge>
                    </Table.Td>
                    <Table.Td ta="right">{money(inv.totals.gross)}</Table.Td>
                    <Table.Td ta="right">
                      {t("invoices.columns.open")}: {money(inv.open)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
        <Stack gap="xs" component="section" aria-label={t("companies.detail.emails")}>
          <Title order={3} size="h6">
            {t("companies.detail.emails")}
          </Title>
          {file.emails.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t("companies.detail.emailsEmpty")}
            </Text>
          ) : (
            <Table aria-label={t("companies.detail.emails")}>
              <Table.Tbody>
                {file.emails.map((mail) => (
                  <Table.Tr key={mail.id}>
                    <Table.Td>
                      <Text size="sm">{mail.subject}</Text>
                    </Table.Td>
                    <Table.Td w={160}>
                      <Text size="sm" c="dimmed">
                        {format.dateTime(mail.createdAt)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
        </Stack>
      </Stack>
    </SectionCard>
  );
}
