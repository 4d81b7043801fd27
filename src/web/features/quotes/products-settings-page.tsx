import {
  Badge,
  Button,
  FileButton,
  Group,
  Modal,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { MONEY_RULES } from "@shared/locale-number";
import { useQueryClient } from "@tanstack/react-query";
import { ListFooter } from "@web/components/list-footer";
import { notifyError, notifySuccess } from "@web/components/notify";
import { NumberField, useNumberReader } from "@web/components/number-field";
import { QueryStates } from "@web/components/query-states";
import { SearchBox } from "@web/components/search-box";
import { COMMON_CURRENCIES } from "@web/features/leads/lead-model";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Product, productsApi } from "./quotes-api";
import { useProductPages } from "./use-quotes";
import { VatRateSelect } from "./vat-rate-select";

/** Settings → Products: the price list, its search, and CSV export and import in the user's locale. */
export function ProductsSettingsPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const [q, setQ] = useState("");
  const products = useProductPages(q);
  const [editing, setEditing] = useState<Product | "new" | null>(null);
  const list = products.data?.pages.flatMap((page) => page.data) ?? [];
  const refresh = () => client.invalidateQueries({ queryKey: ["products"] });
  const importFile = async (file: File | null) => {
    if (!file) return;
    try {
      const result = await productsApi.import(await file.text());
      notifySuccess(t("products.imported", result));
      await refresh();
    } catch (error) {
      notifyError(error);
    }
  };
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {t("products.title")}
        </Title>
        <Group gap="xs">
          <Button
            component="a"
            variant="default"
            href={productsApi.exportUrl(i18n.language === "de" ? "de" : "en")}
          >
            {t("products.export")}
          </Button>
          <FileButton accept=".csv,text/csv" onChange={(file) => void importFile(file)}>
            {(props) => (
              <Button variant="default" {...props}>
                {t("products.import")}
              </Button>
            )}
          </FileButton>
          <Button onClick={() => setEditing("new")}>{t("products.new")}</Button>
        </Group>
      </Group>
      {/* In a row: the search box grows along its row (flex), which in the column would make it tall. */}
      <Group>
        <SearchBox
          value={q}
          onSearch={setQ}
          label={t("products.search")}
          placeholder={t("products.searchPlaceholder")}
        />
      </Group>{" "}
      <QueryStates query={products} isEmpty={list.length === 0} emptyText={t("products.empty")} />
      {list.length > 0 && (
        <Table aria-label={t("products.title")} highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t("products.fields.name")}</Table.Th>
              <Table.Th>{t("products.fields.description")}</Table.Th>
              <Table.Th>{t("products.fields.sku")}</Table.Th>
              <Table.Th>{t("products.fields.unit")}</Table.Th>
              <Table.Th ta="right">{t("products.fields.netPrice")}</Table.Th>
              <Table.Th ta="right">{t("products.fields.vatRate")}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.map((p) => (
              <Table.Tr key={p.id} onClick={() => setEditing(p)} style={{ cursor: "pointer" }}>
                <Table.Td>
                  {p.name}{" "}
                  {!p.active && (
                    <Badge color="gray" variant="light">
                      {t("products.inactive")}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td maw={320}>
                  <Text size="sm" lineClamp={2} c={p.description ? undefined : "dimmed"}>
                    {p.description ?? "—"}
                  </Text>
                </Table.Td>
                <Table.Td>{p.sku ?? "—"}</Table.Td>
                <Table.Td>{p.unit}</Table.Td>
                <Table.Td ta="right">
                  {format.money({ amount: Number(p.netPrice.amount), currency: p.currency })}
                </Table.Td>
                <Table.Td ta="right">{format.number(Number(p.vatRate))} %</Table.Td>
                <Table.Td>
                  <Button size="compact-sm" variant="subtle" onClick={() => setEditing(p)}>
                    {t("common.edit")}
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {list.length > 0 && (
        <ListFooter
          shown={t("products.shown", { count: list.length })}
          rows={list.length}
          hasMore={products.hasNextPage}
          loading={products.isFetchingNextPage}
          onLoadMore={() => void products.fetchNextPage()}
        />
      )}
      {editing && (
        <ProductModal
          product={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void refresh();
          }}
        />
      )}
    </Stack>
  );
}

function ProductModal({
  product,
  onClose,
  onSaved,
}: {
  product: Product | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { t } = useTranslation();
  const numbers = useNumberReader();
  const [name, setName] = useState(product?.name ?? "");
  const [sku, setSku] = useState(product?.sku ?? "");
  const [description, setDescription] = useState(product?.description ?? "");
  const [currency, setCurrency] = useState(product?.currency ?? "EUR");
  const [unit, setUnit] = useState(product?.unit ?? "Stk");
  const [price, setPrice] = useState(
    product ? numbers.format(Number(product.netPrice.amount), MONEY_RULES) : "",
  );
  const [vatRate, setVatRate] = useState(product?.vatRate ?? "19");
  const [active, setActive] = useState(product?.active ?? true);
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const reading = numbers.read(price, MONEY_RULES, currency);
    if (reading.kind !== "number" || !name.trim()) return;
    const body = {
      name: name.trim(),
      sku: sku.trim() || null,
      description: description.trim() || null,
      unit: unit.trim() || "Stk",
      netPrice: { amount: reading.value.toFixed(2), currency },
      vatRate,
      active,
    };
    setSaving(true);
    try {
      if (product) await productsApi.update(product.id, { ...body, version: product.version });
      else await productsApi.create(body);
      notifySuccess(t("products.saved"));
      onSaved();
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={product ? t("products.editTitle") : t("products.new")}>
      <Stack>
        <TextInput
          label={t("products.fields.name")}
          required
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <TextInput
          label={t("products.fields.sku")}
          value={sku}
          onChange={(e) => setSku(e.currentTarget.value)}
        />
        <Textarea
          label={t("products.fields.description")}
          description={t("products.descriptionHint")}
          autosize
          minRows={2}
          maxRows={6}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <Group grow align="flex-start">
          <TextInput
            label={t("products.fields.unit")}
            value={unit}
            onChange={(e) => setUnit(e.currentTarget.value)}
          />
          <Select
            label={t("products.fields.currency")}
            data={[...new Set([...COMMON_CURRENCIES, currency])]}
            value={currency}
            allowDeselect={false}
            searchable
            onChange={(v) => v && setCurrency(v)}
          />
        </Group>
        <Group grow align="flex-start">
          <NumberField
            label={t("products.fields.netPrice")}
            rules={MONEY_RULES}
            currency={currency}
            value={price}
            onChange={setPrice}
          />
          <VatRateSelect label={t("products.fields.vatRate")} value={vatRate} onChange={setVatRate} />
        </Group>
        <Switch
          label={t("products.fields.active")}
          checked={active}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
        <Text size="xs" c="dimmed">
          {t("products.netHint")}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t("common.cancel")}
          </Button>
          <Button onClick={() => void submit()} loading={saving}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
