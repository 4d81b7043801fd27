import { STANDARD_VAT_RATES } from "@domain/quotes/vat-rates";
import {
  ActionIcon,
  Badge,
  Button,
  FileButton,
  Group,
  Image,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { IconPlus, IconTrash } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { SectionCard } from "@web/components/section-card";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { EmailTemplatesCard } from "./email-templates-card";
import { type Letterhead, letterheadApi } from "./quotes-api";
import { letterheadKey, useLetterhead } from "./use-letterhead";

/** The logo limit of the server (letterhead-checks.ts), checked here too so a large file fails at once. */
const LOGO_MAX_BYTES = 200 * 1024;

interface RateRow {
  rate: string;
  note: string;
  standard: boolean;
}
type Values = Omit<Letterhead, "customVatRates" | "vatRateLabels"> & { rates: RateRow[] };

const TEXT_FIELDS = {
  company: ["companyName", "street", "postalCode", "city", "country"],
  contact: ["phone", "email", "website"],
  legal: ["vatId", "register", "managingDirector"],
  bank: ["bankName", "iban", "bic"],
} as const;

function toValues(letterhead: Letterhead): Values {
  const { customVatRates, vatRateLabels, ...rest } = letterhead;
  const note = (rate: string) => vatRateLabels.find((l) => Number(l.rate) === Number(rate))?.label ?? "";
  return {
    ...rest,
    rates: [
      ...STANDARD_VAT_RATES.map((rate) => ({ rate, note: note(rate), standard: true })),
      ...customVatRates.map((rate) => ({ rate, note: note(rate), standard: false })),
    ],
  };
}

function toBody({ rates, ...rest }: Values): Partial<Letterhead> {
  const custom = rates.filter((r) => !r.standard && r.rate.trim() !== "");
  return {
    ...rest,
    customVatRates: custom.map((r) => r.rate.trim().replace(",", ".")),
    vatRateLabels: rates
      .filter((r) => r.note.trim() !== "" && r.rate.trim() !== "")
      .map((r) => ({ rate: r.rate.trim().replace(",", "."), label: r.note.trim() })),
  };
}

/** Settings → Letterhead (admins): what every quote and invoice PDF shows, and the quote emails. */
export function LetterheadSettingsPage() {
  const { t } = useTranslation();
  const letterhead = useLetterhead();
  return (
    <>
      <PageHeader order={2} title={t("settings.letterhead")} description={t("letterhead.description")} />
      <QueryStates query={letterhead} />
      {letterhead.data && (
        <Stack gap="lg" maw={1100}>
          <LetterheadForm letterhead={letterhead.data} />
          <EmailTemplatesCard />
        </Stack>
      )}
    </>
  );
}

function LetterheadForm({ letterhead }: { letterhead: Letterhead }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const form = useForm<Values>({ initialValues: toValues(letterhead) });
  const [saving, setSaving] = useState(false);
  const values = form.getValues();

  const submit = form.onSubmit(async (input) => {
    setSaving(true);
    try {
      const saved = await letterheadApi.update(toBody(input));
      client.setQueryData(letterheadKey, saved);
      form.setValues(toValues(saved));
      form.resetDirty();
      notifySuccess(t("letterhead.saved"));
    } catch (error) {
      showFormError(form, error);
    } finally {
      setSaving(false);
    }
  });

  const pickLogo = async (file: File | null) => {
    if (!file) return;
    if (!["image/png", "image/jpeg"].includes(file.type)) {
      form.setFieldError("logo", t("letterhead.logoType"));
      return;
    }
    if (file.size > LOGO_MAX_BYTES) {
      form.setFieldError("logo", t("letterhead.logoTooLarge"));
      return;
    }
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject(reader.error ?? new Error("read failed"));
      reader.readAsDataURL(file);
    });
    form.setFieldValue("logo", dataUrl);
    form.clearFieldError("logo");
  };

  const field = (name: (typeof TEXT_FIELDS)[keyof typeof TEXT_FIELDS][number]) => (
    <TextInput
      key={form.key(name)}
      label={t(`letterhead.fields.${name}`)}
      {...(name === "register" && { placeholder: t("letterhead.fields.registerPlaceholder") })}
      {...(name === "iban" && { placeholder: "DE89 3704 0044 0532 0130 00" })}
      {...form.getInputProps(name)}
    />
  );

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="lg">
        <SectionCard title={t("letterhead.company")}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {field("companyName")}
            {field("street")}
            <Group grow align="flex-start">
              {field("postalCode")}
              {field("city")}
            </Group>
            {field("country")}
          </SimpleGrid>
        </SectionCard>

        <SectionCard title={t("letterhead.logo")}>
          <Group align="center" gap="lg">
            {values.logo ? (
              <Image src={values.logo} alt={t("letterhead.logoAlt")} h={64} w="auto" fit="contain" />
            ) : (
              <Text size="sm" c="dimmed">
                {t("letterhead.noLogo")}
              </Text>
            )}
            <FileButton accept="image/png,image/jpeg" onChange={(file) => void pickLogo(file)}>
              {(props) => (
                <Button variant="default" {...props}>
                  {t("letterhead.logoUpload")}
                </Button>
              )}
            </FileButton>
            {values.logo && (
              <Button variant="subtle" color="red" onClick={() => form.setFieldValue("logo", null)}>
                {t("letterhead.logoRemove")}
              </Button>
            )}
          </Group>
          <Text
            size="xs"
            c={form.errors.logo ? "red" : "dimmed"}
            mt="xs"
            role={form.errors.logo ? "alert" : undefined}
          >
            {form.errors.logo ?? t("letterhead.logoHint")}
          </Text>
        </SectionCard>

        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <SectionCard title={t("letterhead.contact")}>
            <Stack gap="sm">{TEXT_FIELDS.contact.map(field)}</Stack>
          </SectionCard>
          <SectionCard title={t("letterhead.legal")}>
            <Stack gap="sm">{TEXT_FIELDS.legal.map(field)}</Stack>
          </SectionCard>
          <SectionCard title={t("letterhead.bank")}>
            <Stack gap="sm">{TEXT_FIELDS.bank.map(field)}</Stack>
          </SectionCard>
          <SectionCard title={t("letterhead.numbering")}>
            <Stack gap="sm">
              <TextInput
                key={form.key("quoteNumberScheme")}
                label={t("letterhead.fields.quoteNumberScheme")}
                description={t("letterhead.fields.schemeHint")}
                {...form.getInputProps("quoteNumberScheme")}
              />
              <TextInput
                key={form.key("invoiceNumberScheme")}
                label={t("letterhead.fields.invoiceNumberScheme")}
                {...form.getInputProps("invoiceNumberScheme")}
              />
              <Group grow align="flex-start">
                <NumberInput
                  key={form.key("quoteValidDays")}
                  label={t("letterhead.fields.quoteValidDays")}
                  min={1}
                  max={365}
                  allowDecimal={false}
                  {...form.getInputProps("quoteValidDays")}
                />
                <NumberInput
                  key={form.key("paymentTermDays")}
                  label={t("letterhead.fields.paymentTermDays")}
                  min={0}
                  max={365}
                  allowDecimal={false}
                  {...form.getInputProps("paymentTermDays")}
                />
              </Group>
            </Stack>
          </SectionCard>
        </SimpleGrid>

        <SectionCard title={t("letterhead.vatRates")}>
          <Text size="sm" c="dimmed" mb="sm">
            {t("letterhead.vatRatesHint")}
          </Text>
          <Table aria-label={t("letterhead.vatRates")} verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={140}>{t("letterhead.rate")}</Table.Th>
                <Table.Th>{t("letterhead.rateNote")}</Table.Th>
                <Table.Th w={48} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {values.rates.map((row, i) => (
                <Table.Tr key={form.key(`rates.${i}`)}>
                  <Table.Td>
                    {row.standard ? (
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm">{row.rate} %</Text>
                        <Badge size="xs" variant="light" color="gray">
                          {t("letterhead.standardRate")}
                        </Badge>
                      </Group>
                    ) : (
                      <TextInput
                        aria-label={t("letterhead.rate")}
                        rightSection="%"
                        {...form.getInputProps(`rates.${i}.rate`)}
                      />
                    )}
                  </Table.Td>
                  <Table.Td>
                    <TextInput
                      aria-label={`${t("letterhead.rateNote")} ${row.rate} %`}
                      maxLength={200}
                      {...form.getInputProps(`rates.${i}.note`)}
                    />
                  </Table.Td>
                  <Table.Td>
                    {!row.standard && (
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t("letterhead.removeRate", { rate: row.rate })}
                        onClick={() => form.removeListItem("rates", i)}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Button
            mt="sm"
            size="compact-sm"
            variant="light"
            leftSection={<IconPlus size={14} />}
            onClick={() => form.insertListItem("rates", { rate: "", note: "", standard: false })}
          >
            {t("letterhead.addRate")}
          </Button>
        </SectionCard>

        <SectionCard title={t("letterhead.fields.footer")}>
          <Textarea
            key={form.key("footer")}
            aria-label={t("letterhead.fields.footer")}
            description={t("letterhead.fields.footerHint")}
            autosize
            minRows={1}
            maxLength={500}
            {...form.getInputProps("footer")}
          />
        </SectionCard>

        <Group justify="space-between" wrap="wrap">
          <Group gap="xs">
            <Button
              component="a"
              variant="default"
              href={letterheadApi.previewUrl("de")}
              target="_blank"
              rel="noopener"
            >
              {t("letterhead.previewDe")}
            </Button>
            <Button
              component="a"
              variant="default"
              href={letterheadApi.previewUrl("en")}
              target="_blank"
              rel="noopener"
            >
              {t("letterhead.previewEn")}
            </Button>
            <Text size="xs" c="dimmed">
              {t("letterhead.previewHint")}
            </Text>
          </Group>
          <Button type="submit" loading={saving}>
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
