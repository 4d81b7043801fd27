import { Badge, Button, Group, Modal, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { MONEY_RULES } from "@shared/locale-number";
import { DayInput } from "@web/components/day-input";
import { notifyError, notifySuccess } from "@web/components/notify";
import { NumberField, useNumberReader } from "@web/components/number-field";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Invoice, invoicesApi } from "./quotes-api";
import { useDealInvoices, useQuoteAction } from "./use-quotes";

/** Today as YYYY-MM-DD in the browser's time zone (what DateInput works with). */
export const localToday = () => new Intl.DateTimeFormat("en-CA").format(new Date());
/** A day `days` after an ISO day (computed at noon UTC, so no daylight-saving shift moves it). */
export const plusDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const STATUS_COLOR = { open: "blue", paid: "teal", overdue: "red" } as const;

/** A deal's invoices with what is paid and open, and a payment recorded by hand. */
export function InvoiceList({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const invoices = useDealInvoices(dealId);
  const [paying, setPaying] = useState<Invoice | null>(null);
  const list = invoices.data?.data ?? [];
  if (list.length === 0) return null;
  const money = (m: { amount: string; currency: string }) =>
    format.money({ amount: Number(m.amount), currency: m.currency });
  return (
    <Stack gap="xs">
      <Title order={3} size="h6">
        {t("invoices.title")}
      </Title>
      <Table aria-label={t("invoices.title")}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("invoices.columns.number")}</Table.Th>
            <Table.Th>{t("invoices.columns.status")}</Table.Th>
            <Table.Th>{t("invoices.columns.due")}</Table.Th>
            <Table.Th ta="right">{t("invoices.columns.gross")}</Table.Th>
            <Table.Th ta="right">{t("invoices.columns.open")}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {list.map((inv) => (
            <Table.Tr key={inv.id}>
              <Table.Td>{inv.number}</Table.Td>
              <Table.Td>
                <Badge color={STATUS_COLOR[inv.status]} variant="light">
                  {t(`invoices.status.${inv.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{format.date(`${inv.dueDate}T12:00:00`)}</Table.Td>
              <Table.Td ta="right">{money(inv.totals.gross)}</Table.Td>
              <Table.Td ta="right">{money(inv.open)}</Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  <Button
                    component="a"
                    size="compact-sm"
                    variant="subtle"
                    href={invoicesApi.pdfUrl(inv.id)}
                    target="_blank"
                    rel="noopener"
                  >
                    {t("invoices.pdf")}
                  </Button>
                  {inv.abilities.pay && (
                    <Button size="compact-sm" variant="light" onClick={() => setPaying(inv)}>
                      {t("invoices.pay")}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {paying && <PaymentModal invoice={paying} onClose={() => setPaying(null)} />}
    </Stack>
  );
}

function PaymentModal({ invoice, onClose }: { invoice: Invoice; onClose: () => void }) {
  const { t } = useTranslation();
  const numbers = useNumberReader();
  const format = useFormat();
  const [amount, setAmount] = useState(numbers.format(Number(invoice.open.amount), MONEY_RULES));
  const [paidOn, setPaidOn] = useState<string | null>(localToday());
  const [note, setNote] = useState("");
  const pay = useQuoteAction(async (value: string) =>
    invoicesApi.pay(invoice.id, {
      amount: { amount: value, currency: invoice.currency },
      ...(paidOn && { paidOn }),
      ...(note.trim() && { note: note.trim() }),
    }),
  );
  const submit = async () => {
    const reading = numbers.read(amount, MONEY_RULES, invoice.currency);
    if (reading.kind !== "number") return;
    try {
      await pay.mutateAsync(reading.value.toFixed(2));
      notifySuccess(t("invoices.paid"));
      onClose();
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <Modal opened onClose={onClose} title={t("invoices.payTitle", { number: invoice.number })}>
      <Stack>
        <Text size="sm">
          {t("invoices.openAmount", {
            amount: format.money({ amount: Number(invoice.open.amount), currency: invoice.currency }),
          })}
        </Text>
        <NumberField
          label={t("invoices.amount")}
          rules={MONEY_RULES}
          currency={invoice.currency}
          value={amount}
          onChange={setAmount}
        />
        <DayInput label={t("invoices.paidOn")} value={paidOn} onChange={setPaidOn} maxDate={localToday()} />
        <TextInput
          label={t("invoices.note")}
          placeholder={t("invoices.notePlaceholder")}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={() => void submit()} loading={pay.isPending}>
            {t("invoices.record")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
