import { Alert, Button, Group, Modal, Select, SimpleGrid, Stack, Textarea } from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { MONEY_RULES } from "@shared/locale-number";
import { isApiError } from "@web/api/api-client";
import { DayInput } from "@web/components/day-input";
import { notifyError, notifySuccess } from "@web/components/notify";
import { useNumberReader } from "@web/components/number-field";
import { serverMessage } from "@web/components/server-message";
import { useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { localToday, plusDays } from "./invoice-list";
import { type LineDraft, newKey, QuoteLinesEditor, useLineRequests } from "./quote-lines-editor";
import { QuoteTotalsBox } from "./quote-totals-box";
import { type PreviewTotals, type Quote, quotesApi } from "./quotes-api";
import { useLetterhead } from "./use-letterhead";
import { useProducts, useQuoteAction } from "./use-quotes";

interface Props {
  dealId: string;
  currency: string;
  /** The draft to edit, or null for a new quote. */
  quote: Quote | null;
  onClose: () => void;
}

/** Writes or changes a draft quote: lines from the price list or free text, totals from the server as you type. */
export function QuoteEditorModal({ dealId, currency, quote, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const numbers = useNumberReader();
  const [productSearch, setProductSearch] = useState("");
  const [productQuery] = useDebouncedValue(productSearch, 250);
  const products = useProducts(productQuery, true);
  const toRequests = useLineRequests();
  const [lines, setLines] = useState<LineDraft[]>(() =>
    (quote?.lines ?? []).map((l) => ({
      key: newKey(),
      productId: l.productId,
      description: l.description,
      quantity: numbers.format(Number(l.quantity), { maximumFractionDigits: 3 }),
      unit: l.unit,
      unitPrice: numbers.format(Number(l.unitPrice.amount), MONEY_RULES),
      discount:
        l.discountPercent === "0"
          ? ""
          : numbers.format(Number(l.discountPercent), { maximumFractionDigits: 2 }),
      vatRate: l.vatRate,
    })),
  );
  const [locale, setLocale] = useState<"de" | "en">(quote?.locale ?? (i18n.language === "de" ? "de" : "en"));
  const [formality, setFormality] = useState<"formal" | "informal">(quote?.formality ?? "formal");
  // A new quote is valid for the days of the letterhead settings (30 unless changed) unless the user says otherwise.
  // undefined: not chosen yet, so the default (which arrives with the settings) applies.
  const validDays = useLetterhead().data?.quoteValidDays ?? 30;
  const [chosenValidUntil, setValidUntil] = useState<string | null | undefined>(
    quote ? quote.validUntil : undefined,
  );
  const validUntil = chosenValidUntil === undefined ? plusDays(localToday(), validDays) : chosenValidUntil;
  const [introText, setIntro] = useState(quote?.introText ?? "");
  const [closingText, setClosing] = useState(quote?.closingText ?? "");
  const [preview, setPreview] = useState<PreviewTotals | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<Quote | null>(quote);

  const requests = useMemo(() => toRequests(lines, currency), [lines, currency, toRequests]);
  // Live totals: the server computes them (never the browser), a moment after the last keystroke.
  useEffect(() => {
    if (!requests) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      quotesApi
        .preview({ dealId, lines: requests }, controller.signal)
        .then((result) => {
          setPreview(result);
          setErrors({});
        })
        .catch((error: unknown) => {
          if (isApiError(error)) setErrors(fieldErrors(error.problem.errors));
        });
    }, 300);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [dealId, requests]);

  const save = useQuoteAction(async () => {
    if (!requests) throw new Error(t("quotes.editor.incomplete"));
    const body = {
      locale,
      formality,
      validUntil,
      introText: introText || null,
      closingText: closingText || null,
      lines: requests,
    };
    return saved
      ? quotesApi.update(saved.id, { ...body, version: saved.version })
      : quotesApi.create({ dealId, ...body });
  });

  const submit = async () => {
    try {
      const result = (await save.mutateAsync(undefined)) as Quote;
      setSaved(result);
      notifySuccess(t("quotes.editor.saved"));
    } catch (error) {
      if (isApiError(error)) setErrors(fieldErrors(error.problem.errors));
      notifyError(error);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      size="80rem"
      title={saved ? t("quotes.editor.editTitle") : t("quotes.editor.newTitle")}
    >
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label={t("quotes.editor.language")}
            data={[
              { value: "de", label: t("quotes.editor.german") },
              { value: "en", label: t("quotes.editor.english") },
            ]}
            value={locale}
            allowDeselect={false}
            onChange={(v) => v && setLocale(v === "en" ? "en" : "de")}
          />
          <Select
            label={t("quotes.editor.formality")}
            data={[
              { value: "formal", label: t("quotes.editor.formal") },
              { value: "informal", label: t("quotes.editor.informal") },
            ]}
            value={formality}
            allowDeselect={false}
            onChange={(v) => v && setFormality(v === "informal" ? "informal" : "formal")}
          />
          <DayInput
            label={t("quotes.editor.validUntil")}
            value={validUntil}
            error={errors.validUntil}
            clearable
            minDate={localToday()}
            onChange={setValidUntil}
          />
        </SimpleGrid>
        <Textarea
          label={t("quotes.editor.intro")}
          placeholder={t("quotes.editor.introPlaceholder")}
          autosize
          minRows={2}
          value={introText}
          onChange={(e) => setIntro(e.currentTarget.value)}
        />
        <QuoteLinesEditor
          lines={lines}
          onChange={setLines}
          products={products.data?.data ?? []}
          currency={currency}
          preview={requests ? preview : null}
          errors={errors}
          onProductSearch={setProductSearch}
        />
        {errors.lines && <Alert color="red">{errors.lines}</Alert>}
        <QuoteTotalsBox totals={requests && lines.length > 0 ? (preview?.totals ?? null) : null} />
        <Textarea
          label={t("quotes.editor.closing")}
          placeholder={t("quotes.editor.closingPlaceholder")}
          autosize
          minRows={2}
          value={closingText}
          onChange={(e) => setClosing(e.currentTarget.value)}
        />
        <Group justify="flex-end">
          {saved && (
            <Button
              component="a"
              variant="default"
              href={quotesApi.pdfUrl(saved.id, locale)}
              target="_blank"
              rel="noopener"
            >
              {t("quotes.actions.preview")}
            </Button>
          )}
          <Button variant="default" onClick={onClose}>
            {t("common.close")}
          </Button>
          <Button
            onClick={() => void submit()}
            loading={save.isPending}
            disabled={!requests || lines.length === 0}
          >
            {t("quotes.editor.saveDraft")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The server's field errors by path, worded in the user's language. */
function fieldErrors(
  errors:
    | { path: string; message: string; code?: string; params?: Record<string, string | number> }[]
    | undefined,
): Record<string, string> {
  return Object.fromEntries((errors ?? []).map((e) => [e.path, serverMessage(e)]));
}
