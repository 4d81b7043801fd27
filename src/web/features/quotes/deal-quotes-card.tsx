import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Menu,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import type { Deal } from "@shared/schemas/deal";
import { IconDots } from "@tabler/icons-react";
import { DayInput } from "@web/components/day-input";
import { notifyError, notifySuccess } from "@web/components/notify";
import { QueryStates } from "@web/components/query-states";
import { SectionCard } from "@web/components/section-card";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { InvoiceList, localToday, plusDays } from "./invoice-list";
import { QuoteEditorModal } from "./quote-editor-modal";
import { type Quote, type QuoteSummary, quotesApi } from "./quotes-api";
import { useLetterhead } from "./use-letterhead";
import { useDealQuotes, useQuoteAction } from "./use-quotes";

const STATUS_COLOR = {
  draft: "gray",
  sent: "blue",
  accepted: "teal",
  declined: "red",
  expired: "orange",
} as const;

/** The quotes of a deal (newest first) with what each may do next, and the deal's invoices. */
export function DealQuotesCard({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const format = useFormat();
  const quotes = useDealQuotes(deal.id);
  const [editing, setEditing] = useState<Quote | "new" | null>(null);
  const [sending, setSending] = useState<QuoteSummary | null>(null);
  const [accepting, setAccepting] = useState<QuoteSummary | null>(null);
  const [invoicing, setInvoicing] = useState<QuoteSummary | null>(null);
  const ready = deal.companyId !== null && deal.contacts.length > 0;

  const act = useQuoteAction(async (run: () => Promise<unknown>) => run());
  const run = async (action: () => Promise<unknown>, done: string) => {
    try {
      await act.mutateAsync(action);
      notifySuccess(done);
    } catch (error) {
      notifyError(error);
    }
  };
  const openDraft = async (id: string) => {
    try {
      setEditing(await quotesApi.get(id));
    } catch (error) {
      notifyError(error);
    }
  };
  const addPeople = () => {
    const edit = document.querySelector<HTMLButtonElement>(
      `button[aria-label="${t("deal.detail.editPeople")}"]`,
    );
    edit?.scrollIntoView({ behavior: "smooth", block: "center" });
    edit?.click();
  };
  const list = quotes.data?.data ?? [];

  return (
    <SectionCard
      title={t("quotes.title")}
      actions={
        <Button size="compact-sm" onClick={() => setEditing("new")} disabled={!ready}>
          {t("quotes.actions.new")}
        </Button>
      }
    >
      <Stack gap="sm">
        {!ready && (
          <Alert color="yellow" title={t("quotes.needsPeopleTitle")}>
            <Stack gap="xs" align="flex-start">
              <Text size="sm">{t("quotes.needsPeople")}</Text>
              <Button size="compact-sm" variant="light" onClick={addPeople}>
                {t("quotes.addPeople")}
              </Button>
            </Stack>
          </Alert>
        )}
        <QueryStates query={quotes} compact isEmpty={list.length === 0} emptyText={t("quotes.empty")} />
        {list.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table aria-label={t("quotes.title")}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("quotes.columns.number")}</Table.Th>
                  <Table.Th>{t("quotes.columns.status")}</Table.Th>
                  <Table.Th>{t("quotes.columns.validUntil")}</Table.Th>
                  <Table.Th ta="right">{t("quotes.columns.net")}</Table.Th>
                  <Table.Th ta="right">{t("quotes.columns.gross")}</Table.Th>
                  <Table.Th w={40} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.map((q) => (
                  <Table.Tr key={q.id}>
                    <Table.Td>
                      {q.number ?? t("quotes.draft")}
                      {q.revision > 1 && (
                        <Text span size="xs" c="dimmed">
                          {" "}
                          {t("quotes.revision", { n: q.revision })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        <Badge color={STATUS_COLOR[q.status]} variant="light">
                          {t(`quotes.status.${q.status}`)}
                        </Badge>
                        {q.supersededById && (
                          <Badge color="gray" variant="outline">
                            {t("quotes.superseded")}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>{q.validUntil ? format.date(`${q.validUntil}T12:00:00`) : "—"}</Table.Td>
                    <Table.Td ta="right">
                      {format.money({ amount: Number(q.totals.net.amount), currency: q.currency })}
                    </Table.Td>
                    <Table.Td ta="right">
                      {format.money({ amount: Number(q.totals.gross.amount), currency: q.currency })}
                    </Table.Td>
                    <Table.Td>
                      <Menu position="bottom-end">
                        <Menu.Target>
                          <Button
                            size="compact-sm"
                            variant="subtle"
                            aria-label={t("quotes.actions.menu", { number: q.number ?? t("quotes.draft") })}
                          >
                            <IconDots size={16} />
                          </Button>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item
                            component="a"
                            href={quotesApi.pdfUrl(q.id)}
                            target="_blank"
                            rel="noopener"
                          >
                            {t("quotes.actions.preview")}
                          </Menu.Item>
                          {q.abilities.update && (
                            <Menu.Item onClick={() => void openDraft(q.id)}>
                              {t("quotes.actions.edit")}
                            </Menu.Item>
                          )}
                          {q.abilities.send && (
                            <Menu.Item onClick={() => setSending(q)}>{t("quotes.actions.send")}</Menu.Item>
                          )}
                          {q.abilities.accept && (
                            <Menu.Item onClick={() => setAccepting(q)}>
                              {t("quotes.actions.accept")}
                            </Menu.Item>
                          )}
                          {q.abilities.decline && (
                            <Menu.Item
                              onClick={() =>
                                void run(() => quotesApi.decline(q.id), t("quotes.done.declined"))
                              }
                            >
                              {t("quotes.actions.decline")}
                            </Menu.Item>
                          )}
                          {q.abilities.revise && (
                            <Menu.Item
                              onClick={() => void run(() => quotesApi.revise(q.id), t("quotes.done.revised"))}
                            >
                              {t("quotes.actions.revise")}
                            </Menu.Item>
                          )}
                          {q.abilities.invoice && (
                            <Menu.Item onClick={() => setInvoicing(q)}>
                              {t("quotes.actions.invoice")}
                            </Menu.Item>
                          )}
                          {q.abilities.delete && (
                            <Menu.Item
                              color="red"
                              onClick={() => void run(() => quotesApi.remove(q.id), t("quotes.done.deleted"))}
                            >
                              {t("quotes.actions.delete")}
                            </Menu.Item>
                          )}
                        </Menu.Dropdown>
                      </Menu>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <InvoiceList dealId={deal.id} />
      </Stack>
      {editing !== null && (
        <QuoteEditorModal
          dealId={deal.id}
          currency={deal.amount?.currency ?? "EUR"}
          quote={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
        />
      )}
      {sending && (
        <SendModal
          quote={sending}
          onClose={() => setSending(null)}
          onSend={(email) =>
            void run(() => quotesApi.send(sending.id, email), t("quotes.done.sent")).then(() =>
              setSending(null),
            )
          }
        />
      )}
      {invoicing && (
        <InvoiceModal
          onClose={() => setInvoicing(null)}
          onCreate={(dueDate) =>
            void run(() => quotesApi.invoice(invoicing.id, dueDate), t("quotes.done.invoiced")).then(() =>
              setInvoicing(null),
            )
          }
        />
      )}
      {accepting && (
        <AcceptModal
          onClose={() => setAccepting(null)}
          onAccept={(winDeal) =>
            void run(() => quotesApi.accept(accepting.id, winDeal), t("quotes.done.accepted")).then(() =>
              setAccepting(null),
            )
          }
        />
      )}
    </SectionCard>
  );
}

function SendModal({
  onClose,
  onSend,
}: {
  quote: QuoteSummary;
  onClose: () => void;
  onSend: (email: { to?: string; message?: string } | undefined) => void;
}) {
  const { t } = useTranslation();
  const [byEmail, setByEmail] = useState(true);
  const [to, setTo] = useState("");
  const [message, setMessage] = useState("");
  return (
    <Modal opened onClose={onClose} title={t("quotes.send.title")}>
      <Stack>
        <Text size="sm">{t("quotes.send.text")}</Text>
        <Checkbox
          label={t("quotes.send.byEmail")}
          checked={byEmail}
          onChange={(e) => setByEmail(e.currentTarget.checked)}
        />
        {byEmail && (
          <TextInput
            label={t("quotes.send.to")}
            placeholder={t("quotes.send.toPlaceholder")}
            value={to}
            onChange={(e) => setTo(e.currentTarget.value)}
          />
        )}
        {byEmail && (
          <Textarea
            label={t("quotes.send.message")}
            description={t("quotes.send.messageHint")}
            autosize
            minRows={2}
            maxLength={5000}
            value={message}
            onChange={(e) => setMessage(e.currentTarget.value)}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button
            onClick={() =>
              onSend(
                byEmail
                  ? {
                      ...(to.trim() && { to: to.trim() }),
                      ...(message.trim() && { message: message.trim() }),
                    }
                  : undefined,
              )
            }
          >
            {t("quotes.actions.send")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function AcceptModal({ onClose, onAccept }: { onClose: () => void; onAccept: (winDeal: boolean) => void }) {
  const { t } = useTranslation();
  const [winDeal, setWinDeal] = useState(true);
  return (
    <Modal opened onClose={onClose} title={t("quotes.accept.title")}>
      <Stack>
        <Checkbox
          label={t("quotes.accept.winDeal")}
          checked={winDeal}
          onChange={(e) => setWinDeal(e.currentTarget.checked)}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button color="teal" onClick={() => onAccept(winDeal)}>
            {t("quotes.actions.accept")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

function InvoiceModal({ onClose, onCreate }: { onClose: () => void; onCreate: (dueDate: string) => void }) {
  const { t } = useTranslation();
  const term = useLetterhead().data?.paymentTermDays ?? 14;
  const [chosen, setChosen] = useState<string | null | undefined>(undefined);
  const dueDate = chosen === undefined ? plusDays(localToday(), term) : chosen;
  return (
    <Modal opened onClose={onClose} title={t("invoices.createTitle")}>
      <Stack>
        <DayInput
          label={t("invoices.dueDate")}
          description={t("invoices.dueHint")}
          value={dueDate}
          minDate={localToday()}
          onChange={setChosen}
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button disabled={!dueDate} onClick={() => dueDate && onCreate(dueDate)}>
            {t("invoices.create")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
