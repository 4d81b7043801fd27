import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconArrowsExchange, IconGitMerge } from "@tabler/icons-react";
import { isApiError } from "@web/api/api-client";
import { notifyError, notifySuccess } from "@web/components/notify";
import { QueryError } from "@web/components/query-error";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { useFormat } from "@web/i18n/use-format";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { type Contact, contactDisplayName } from "../contacts-api";
import { useContact, useMergeContacts } from "../use-contacts";
import { type MergeRow, type MergeSide, MergeTable } from "./merge-table";

const isEmpty = (value: unknown) => !value || (Array.isArray(value) && value.length === 0);

/** /contacts/merge?survivor=…&loser=…: both contacts side by side, a value picked per field. */
export function ContactMergePage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const survivorId = params.get("survivor");
  const loserId = params.get("loser");
  const survivor = useContact(survivorId);
  const loser = useContact(loserId);
  useDocumentTitle(`${t("merge.contactsTitle")} · ${t("app.name")}`);
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
    <ContactMerge
      key={`${survivorId}-${loserId}`}
      survivor={survivor.data}
      loser={loser.data}
      onSwap={swap}
    />
  );
}

function ContactMerge({
  survivor,
  loser,
  onSwap,
}: {
  survivor: Contact;
  loser: Contact;
  onSwap: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const navigate = useNavigate();
  const { names } = useOwnerOptions();
  const merge = useMergeContacts();
  const [choices, setChoices] = useState<Record<string, MergeSide>>({});

  const text = (value: string | null | undefined): ReactNode => value || null;
  const list = (items: string[]): ReactNode =>
    items.length === 0 ? null : (
      <Stack gap={0} component="span">
        {items.map((i) => (
          <span key={i}>{i}</span>
        ))}
      </Stack>
    );
  const scalar = (field: keyof Contact, label: string, show: (c: Contact) => ReactNode): MergeRow => ({
    field,
    label,
    survivor: show(survivor),
    loser: show(loser),
    same:
      JSON.stringify(survivor[field] ?? null) === JSON.stringify(loser[field] ?? null) ||
      isEmpty(loser[field]),
  });
  const rows: MergeRow[] = [
    scalar("salutation", t("contacts.fields.salutation"), (c) => text(c.salutation)),
    scalar("title", t("contacts.fields.title"), (c) => text(c.title)),
    scalar("firstName", t("contacts.fields.firstName"), (c) => text(c.firstName)),
    scalar("lastName", t("contacts.fields.lastName"), (c) => text(c.lastName)),
    scalar("companyId", t("contacts.fields.company"), (c) => text(c.companyName)),
    scalar("jobTitle", t("contacts.fields.jobTitle"), (c) => text(c.jobTitle)),
    scalar("department", t("contacts.fields.department"), (c) => text(c.department)),
    scalar("birthday", t("contacts.fields.birthday"), (c) => (c.birthday ? format.date(c.birthday) : null)),
    scalar("leadSource", t("contacts.fields.leadSource"), (c) =>
      c.leadSource ? t(`leads.source.${c.leadSource}`) : null,
    ),
    scalar("ownerId", t("contacts.fields.owner"), (c) => (c.ownerId ? (names.get(c.ownerId) ?? "?") : null)),
    scalar("description", t("contacts.fields.description"), (c) => text(c.description)),
    {
      ...scalar("marketingConsent", t("contacts.fields.consent"), (c) =>
        c.marketingConsent.given ? t("contacts.consent.given") : t("contacts.consent.notGiven"),
      ),
      same: survivor.marketingConsent.given === loser.marketingConsent.given,
    },
    {
      ...scalar("emails", t("contacts.detail.emails"), (c) => list(c.emails.map((e) => e.value))),
      list: true,
    },
    {
      ...scalar("phones", t("contacts.detail.phones"), (c) => list(c.phones.map((p) => p.value))),
      list: true,
    },
    {
      ...scalar("addresses", t("contacts.detail.addresses"), (c) =>
        list(c.addresses.map((a) => [a.street, a.postalCode, a.city].filter(Boolean).join(" "))),
      ),
      list: true,
    },
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
      notifySuccess(t("merge.done", { name: contactDisplayName(result.contact), count: moved }));
      await navigate(`/contacts/${survivor.id}`, { replace: true });
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Stack gap="md" maw={1100}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {t("merge.contactsTitle")}
        </Title>
        <Text c="dimmed" size="sm">
          {t("merge.contactsIntro")}
        </Text>
      </Stack>
      <MergeTable
        rows={rows}
        choices={choices}
        onChoose={(field, side) => setChoices((c) => ({ ...c, [field]: side }))}
        survivorTitle={contactDisplayName(survivor)}
        loserTitle={contactDisplayName(loser)}
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
            {t("merge.submit", { name: contactDisplayName(loser) })}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
