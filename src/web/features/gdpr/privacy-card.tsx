import { WITHDRAWAL_CHANNELS, type WithdrawalChannel } from "@domain/gdpr/gdpr-types";
import { Badge, Button, Group, Menu, Select, Stack, Text } from "@mantine/core";
import { IconChevronDown, IconShieldLock } from "@tabler/icons-react";
import { notifyError } from "@web/components/notify";
import { QueryStates } from "@web/components/query-states";
import { SectionCard } from "@web/components/section-card";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConsentModal } from "./consent-modal";
import { EraseModal } from "./erase-modal";
import { type Consent, gdprApi, type SubjectType } from "./gdpr-api";
import { RestrictModal } from "./restrict-modal";
import { usePrivacy, usePrivacyMutation } from "./use-privacy";

type Dialog = "consent" | "restrict" | "erase" | null;

/**
 * The "Data protection" section of a lead or contact: its consent log (a lead's consents show on the
 * contact it became), the restriction badge and, for admins, export, restriction and erasure.
 */
export function PrivacyCard({ type, id, name }: { type: SubjectType; id: string; name: string }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { abilities } = useCurrentUser();
  const privacy = usePrivacy(type, id);
  const [dialog, setDialog] = useState<Dialog>(null);
  const status = privacy.data;
  const lang = i18n.language.startsWith("de") ? "de" : "en";

  return (
    <SectionCard
      title={t("gdpr.title")}
      actions={
        <>
          {status?.restricted && (
            <Badge
              color="orange"
              leftSection={<IconShieldLock size={12} aria-hidden />}
              data-testid="restricted-badge"
            >
              {t("gdpr.restricted")}
            </Badge>
          )}
          {status?.erasedAt && <Badge color="gray">{t("gdpr.erased")}</Badge>}
          {abilities["gdpr.manage"] && status && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <Button size="xs" variant="default" rightSection={<IconChevronDown size={14} aria-hidden />}>
                  {t("gdpr.actions")}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item component="a" href={gdprApi.exportUrl(type, id, "pdf", lang)} download>
                  {t("gdpr.exportPdf")}
                </Menu.Item>
                <Menu.Item component="a" href={gdprApi.exportUrl(type, id, "json", lang)} download>
                  {t("gdpr.exportJson")}
                </Menu.Item>
                <Menu.Item onClick={() => setDialog("restrict")}>
                  {t(status.restricted ? "gdpr.restrict.lift" : "gdpr.restrict.open")}
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item color="red" onClick={() => setDialog("erase")}>
                  {t("gdpr.erase.open")}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </>
      }
    >
      <QueryStates query={privacy} compact />
      {status && (
        <Stack gap="xs">
          {status.restricted && (
            <Text size="sm" c="orange.8">
              {t("gdpr.restrictedSince", {
                date: format.date(status.restricted.at),
                reason: status.restricted.reason,
              })}
            </Text>
          )}
          {status.consents.length === 0 && (
            <Text size="sm" c="dimmed">
              {t("gdpr.consent.none")}
            </Text>
          )}
          {status.consents.map((consent) => (
            <ConsentItem key={consent.id} type={type} id={id} consent={consent} />
          ))}
          <Group>
            <Button size="xs" variant="light" onClick={() => setDialog("consent")}>
              {t("gdpr.consent.add")}
            </Button>
          </Group>
        </Stack>
      )}
      <ConsentModal type={type} id={id} opened={dialog === "consent"} onClose={() => setDialog(null)} />
      {status && (
        <RestrictModal
          type={type}
          id={id}
          restricted={status.restricted !== null}
          opened={dialog === "restrict"}
          onClose={() => setDialog(null)}
        />
      )}
      <EraseModal
        type={type}
        id={id}
        name={name}
        opened={dialog === "erase"}
        onClose={() => setDialog(null)}
      />
    </SectionCard>
  );
}

function ConsentItem({ type, id, consent }: { type: SubjectType; id: string; consent: Consent }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [channel, setChannel] = useState<WithdrawalChannel | null>(null);
  const withdraw = usePrivacyMutation(type, id, (how: WithdrawalChannel) =>
    gdprApi.withdrawConsent(type, id, consent.id, how),
  );
  const details = [
    t(`gdpr.legalBasis.${consent.legalBasis}`),
    consent.source,
    format.date(consent.givenAt),
    consent.policyVersion ? t("gdpr.consent.policy", { version: consent.policyVersion }) : null,
    consent.recordedBy ? consent.recordedBy.name : t("gdpr.consent.byForm"),
  ].filter(Boolean);

  return (
    <Stack gap={2} data-testid="consent-item">
      <Group gap="xs" wrap="nowrap" justify="space-between">
        <Text size="sm" fw={500} lineClamp={2} td={consent.withdrawnAt ? "line-through" : undefined}>
          {consent.purpose}
        </Text>
        {consent.withdrawnAt ? (
          <Badge color="gray" variant="light" style={{ flexShrink: 0 }}>
            {t("gdpr.consent.withdrawn")}
          </Badge>
        ) : (
          <Badge color="green" variant="light" style={{ flexShrink: 0 }}>
            {t("gdpr.consent.active")}
          </Badge>
        )}
      </Group>
      <Text size="xs" c="dimmed">
        {details.join(" · ")}
      </Text>
      {consent.withdrawnAt && (
        <Text size="xs" c="dimmed">
          {t("gdpr.consent.withdrawnOn", {
            date: format.date(consent.withdrawnAt),
            channel: consent.withdrawalChannel ? t(`gdpr.channel.${consent.withdrawalChannel}`) : "",
            name: consent.withdrawnBy?.name ?? "",
          })}
        </Text>
      )}
      {!consent.withdrawnAt && (
        <Group gap="xs" wrap="nowrap">
          <Select
            size="xs"
            placeholder={t("gdpr.consent.withdrawHow")}
            aria-label={t("gdpr.consent.withdrawHow")}
            data={WITHDRAWAL_CHANNELS.map((c) => ({ value: c, label: t(`gdpr.channel.${c}`) }))}
            value={channel}
            onChange={(value) => setChannel(WITHDRAWAL_CHANNELS.find((c) => c === value) ?? null)}
            w={160}
          />
          <Button
            size="xs"
            variant="subtle"
            color="red"
            disabled={!channel}
            loading={withdraw.isPending}
            onClick={() => channel && withdraw.mutate(channel, { onError: (error) => notifyError(error) })}
          >
            {t("gdpr.consent.withdraw")}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
