import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconArrowsExchange, IconGitMerge } from "@tabler/icons-react";
import { isApiError } from "@web/api/api-client";
import { notifyError, notifySuccess } from "@web/components/notify";
import { QueryError } from "@web/components/query-error";
import { type MergeRow, type MergeSide, MergeTable } from "@web/features/contacts/merge/merge-table";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import type { Company } from "../companies-api";
import { useCompany, useMergeCompanies } from "../use-companies";

/** /companies/merge?survivor=…&loser=…: both companies side by side, a value picked per field. */
export function CompanyMergePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const survivorId = params.get("survivor");
  const loserId = params.get("loser");
  const survivor = useCompany(survivorId);
  const loser = useCompany(loserId);
  useDocumentTitle(`${t("merge.companiesTitle")} · ${t("app.name")}`);
  const swap = () => setParams({ survivor: loserId ?? "", loser: survivorId ?? "" }, { replace: true });

  if (!survivorId || !loserId) return <Alert color="gray">{t("merge.missing")}</Alert>;
  const failed = survivor.error ?? loser.error;
  if (failed)
    return isApiError(failed, 404) ? (
      <Alert color="gray">{t("merge.notFound")}</Alert>
    ) : (
      <QueryError error={failed} onRetry={() => void Promise.all([survivor.refetch(), loser.refetch()])} />
    );
  if (!survivor.data || !loser.data)
    return (
      <Center py="xl">
        <Loader aria-label={t("app.loading")} />
      </Center>
    );
  return (
    <CompanyMerge
      key={`${survivorId}-${loserId}`}
      survivor={survivor.data}
      loser={loser.data}
      onSwap={swap}
    />
  );
}

type MergeField =
  | "name"
  | "website"
  | "industry"
  | "size"
  | "vatId"
  | "phone"
  | "email"
  | "billingAddress"
  | "shippingAddress"
  | "ownerId"
  | "description";

const addressLine = (a: Company["billingAddress"]) =>
  a
    ? [a.street, [a.postalCode, a.city].filter(Boolean).join(" "), a.country].filter(Boolean).join(", ") ||
      null
    : null;

function CompanyMerge({
  survivor,
  loser,
  onSwap,
}: {
  survivor: Company;
  loser: Company;
  onSwap: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { names } = useOwnerOptions();
  const merge = useMergeCompanies();
  const [choices, setChoices] = useState<Record<string, MergeSide>>({});
  const row = (field: MergeField, show: (c: Company) => ReactNode): MergeRow => ({
    field,
    label: t(`companies.fields.${field}`),
    survivor: show(survivor),
    loser: show(loser),
    same: JSON.stringify(survivor[field] ?? null) === JSON.stringify(loser[field] ?? null) || !loser[field],
  });
  const rows: MergeRow[] = [
    row("name", (c) => c.name),
    row("website", (c) => c.website),
    row("industry", (c) => c.industry),
    row("size", (c) => c.size),
    row("vatId", (c) => c.vatId),
    row("phone", (c) => c.phone),
    row("email", (c) => c.email),
    row("billingAddress", (c) => addressLine(c.billingAddress)),
    row("shippingAddress", (c) => addressLine(c.shippingAddress)),
    row("ownerId", (c) => (c.ownerId ? (names.get(c.ownerId) ?? "?") : null)),
    row("description", (c) => c.description),
  ];

  const submit = async () => {
    try {
      const result = await merge.mutateAsync({
        survivorId: survivor.id,
        loserId: loser.id,
        version: survivor.version,
        fields: choices,
      });
      const moved = Object.values(result.moved).reduce((a, b) => a + b, 0);
      notifySuccess(t("merge.done", { name: result.company.name, count: moved }));
      await navigate(`/companies/${survivor.id}`, { replace: true });
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Stack gap="md" maw={1100}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t("merge.companiesTitle")}
        </Title>
        <Text c="dimmed" size="sm">
          {t("merge.companiesIntro")}
        </Text>
      </Stack>
      <MergeTable
        rows={rows}
        choices={choices}
        onChoose={(field, side) => setChoices((c) => ({ ...c, [field]: side }))}
        survivorTitle={survivor.name}
        loserTitle={loser.name}
      />
      <Group justify="space-between">
        <Button variant="default" leftSection={<IconArrowsExchange size={16} aria-hidden />} onClick={onSwap}>
          {t("merge.swap")}
        </Button>
        <Group>
          <Button variant="default" onClick={() => void navigate(-1)}>
            {t("common.cancel")}
          </Button>
          <Button
            color="red"
            leftSection={<IconGitMerge size={16} aria-hidden />}
            loading={merge.isPending}
            onClick={() => void submit()}
          >
            {t("merge.submit", { name: loser.name })}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
