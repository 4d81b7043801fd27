import { ActionIcon, Button, Group, Select, Table, Text, Textarea, TextInput } from "@mantine/core";
import { MONEY_RULES, type NumberRules } from "@shared/locale-number";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { NumberField, useNumberReader } from "@web/components/number-field";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { LineRequest, PreviewTotals, Product } from "./quotes-api";
import { VatRateSelect } from "./vat-rate-select";

/** A line as the editor holds it: numbers as typed, in the user's locale. */
export interface LineDraft {
  key: string;
  productId: string | null;
  description: string;
  quantity: string;
  unit: string;
  unitPrice: string;
  discount: string;
  vatRate: string;
}

export const QUANTITY_RULES: NumberRules = { maximumFractionDigits: 3, min: 0 };
export const DISCOUNT_RULES: NumberRules = { maximumFractionDigits: 2, min: 0, max: 100 };

let counter = 0;
export const newKey = () => {
  counter += 1;
  return `line-${counter}`;
};

/** The lines as the API wants them, or null while a number cannot be read yet. */
export function useLineRequests() {
  const numbers = useNumberReader();
  return (lines: LineDraft[], currency: string): LineRequest[] | null => {
    const out: LineRequest[] = [];
    for (const line of lines) {
      const quantity = numbers.read(line.quantity, QUANTITY_RULES);
      const price = numbers.read(line.unitPrice, MONEY_RULES, currency);
      const discount =
        line.discount.trim() === ""
          ? { kind: "number" as const, value: 0 }
          : numbers.read(line.discount, DISCOUNT_RULES);
      if (quantity.kind !== "number" || price.kind !== "number" || discount.kind !== "number") return null;
      if (!line.description.trim()) return null;
      out.push({
        ...(line.productId && { productId: line.productId }),
        description: line.description.trim(),
        quantity: String(quantity.value),
        unit: line.unit.trim() || "Stk",
        unitPrice: { amount: price.value.toFixed(2), currency },
        discountPercent: String(discount.value),
        vatRate: line.vatRate,
      });
    }
    return out;
  };
}

interface Props {
  lines: LineDraft[];
  onChange: (lines: LineDraft[]) => void;
  products: Product[];
  currency: string;
  preview: PreviewTotals | null;
  /** Field errors of the server by path (`lines.1.vatRate`). */
  errors: Record<string, string>;
  disabled?: boolean;
  /** What is typed into the product picker, for a search by the server (the price list may be long). */
  onProductSearch?: (q: string) => void;
}

/** The editable lines of a quote: from the price list or free text, with the server's line totals. */
export function QuoteLinesEditor({
  lines,
  onChange,
  products,
  currency,
  preview,
  errors,
  disabled,
  onProductSearch,
}: Props) {
  const { t } = useTranslation();
  const format = useFormat();
  const numbers = useNumberReader();
  const [productSearch, setProductSearch] = useState("");
  const search = (q: string) => {
    setProductSearch(q);
    onProductSearch?.(q);
  };
  const set = (index: number, patch: Partial<LineDraft>) =>
    onChange(lines.map((line, i) => (i === index ? { ...line, ...patch } : line)));
  const addProduct = (id: string | null) => {
    const product = products.find((p) => p.id === id);
    if (!product) return;
    onChange([
      ...lines,
      {
        key: newKey(),
        productId: product.id,
        // The product's description goes under its name, as the PDF prints the line's text.
        description: product.description ? `${product.name}\n${product.description}` : product.name,
        quantity: "1",
        unit: product.unit,
        unitPrice: numbers.format(Number(product.netPrice.amount), MONEY_RULES),
        discount: "",
        vatRate: product.vatRate,
      },
    ]);
  };
  const addFree = () =>
    onChange([
      ...lines,
      {
        key: newKey(),
        productId: null,
        description: "",
        quantity: "1",
        unit: "Stk",
        unitPrice: "",
        discount: "",
        vatRate: "19",
      },
    ]);
  const error = (i: number, field: string) => errors[`lines.${i}.${field}`];

  return (
    <>
      <Table.ScrollContainer minWidth={820}>
        <Table verticalSpacing={4} aria-label={t("quotes.editor.lines")}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("quotes.line.description")}</Table.Th>
              <Table.Th w={90}>{t("quotes.line.quantity")}</Table.Th>
              <Table.Th w={110}>{t("quotes.line.unit")}</Table.Th>
              <Table.Th w={120}>{t("quotes.line.unitPrice")}</Table.Th>
              <Table.Th w={90}>{t("quotes.line.discount")}</Table.Th>
              <Table.Th w={110}>{t("quotes.line.vatRate")}</Table.Th>
              <Table.Th w={120} ta="right">
                {t("quotes.line.net")}
              </Table.Th>
              <Table.Th w={40} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((line, i) => {
              const net = preview?.lines[i]?.net;
              return (
                <Table.Tr key={line.key}>
                  <Table.Td>
                    <Textarea
                      aria-label={t("quotes.line.description")}
                      autosize
                      minRows={1}
                      maxRows={6}
                      value={line.description}
                      disabled={disabled}
                      error={error(i, "description")}
                      onChange={(e) => set(i, { description: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberField
                      aria-label={t("quotes.line.quantity")}
                      rules={QUANTITY_RULES}
                      value={line.quantity}
                      disabled={disabled}
                      error={error(i, "quantity")}
                      onChange={(quantity) => set(i, { quantity })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={t("quotes.line.unit")}
                      value={line.unit}
                      disabled={disabled}
                      onChange={(e) => set(i, { unit: e.currentTarget.value })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberField
                      aria-label={t("quotes.line.unitPrice")}
                      rules={MONEY_RULES}
                      currency={currency}
                      value={line.unitPrice}
                      disabled={disabled}
                      error={error(i, "unitPrice") ?? error(i, "unitPrice.currency")}
                      onChange={(unitPrice) => set(i, { unitPrice })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberField
                      aria-label={t("quotes.line.discount")}
                      rules={DISCOUNT_RULES}
                      value={line.discount}
                      placeholder="0"
                      disabled={disabled}
                      error={error(i, "discountPercent")}
                      onChange={(discount) => set(i, { discount })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <VatRateSelect
                      aria-label={t("quotes.line.vatRate")}
                      value={line.vatRate}
                      disabled={disabled}
                      error={error(i, "vatRate")}
                      onChange={(vatRate) => set(i, { vatRate })}
                    />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" data-testid="line-net">
                      {net ? format.money({ amount: Number(net.amount), currency: net.currency }) : "—"}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      disabled={disabled}
                      aria-label={t("quotes.editor.removeLine", { n: i + 1 })}
                      onClick={() => onChange(lines.filter((_, j) => j !== i))}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {!disabled && (
        <Group gap="sm" mt="xs">
          <Select
            aria-label={t("quotes.editor.addProduct")}
            placeholder={t("quotes.editor.addProduct")}
            searchable
            data={products.map((p) => ({ value: p.id, label: p.sku ? `${p.name} (${p.sku})` : p.name }))}
            value={null}
            onChange={(id) => {
              addProduct(id);
              search("");
            }}
            searchValue={productSearch}
            onSearchChange={search}
            w={280}
          />
          <Button variant="light" leftSection={<IconPlus size={16} />} onClick={addFree}>
            {t("quotes.editor.addFreeLine")}
          </Button>
        </Group>
      )}
    </>
  );
}
