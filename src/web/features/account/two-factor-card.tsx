import {
  Alert,
  Badge,
  Button,
  Code,
  CopyButton,
  Group,
  Image,
  List,
  Modal,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import type { TwoFactorSetup } from "@shared/schemas/account-security";
import { IconShieldCheck } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { QueryStates } from "@web/components/query-states";
import { SectionCard } from "@web/components/section-card";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  twoFactorQuery,
  useConfirmTwoFactor,
  useDisableTwoFactor,
  useRegenerateCodes,
  useStartTwoFactor,
} from "./use-security";

/** Two-factor: set up with QR code and a first code, recovery codes shown once, regenerate, turn off. */
export function TwoFactorCard() {
  const { t } = useTranslation();
  const status = useQuery(twoFactorQuery);
  const start = useStartTwoFactor();
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [proofFor, setProofFor] = useState<"disable" | "regenerate" | null>(null);

  const enabled = status.data?.enabled ?? false;
  return (
    <SectionCard
      title={t("twoFactor.title")}
      actions={
        status.isSuccess && (
          <Badge variant="light" color={enabled ? "teal" : "gray"}>
            {t(enabled ? "twoFactor.on" : "twoFactor.off")}
          </Badge>
        )
      }
    >
      <QueryStates query={status} compact />
      {status.data && (
        <Stack gap="sm">
          {status.data.required && !enabled && (
            <Alert color="orange" variant="light">
              {t("twoFactor.requiredNotice")}
            </Alert>
          )}
          <Text size="sm" c="dimmed">
            {t(enabled ? "twoFactor.enabledText" : "twoFactor.disabledText")}
          </Text>
          {enabled ? (
            <>
              <Text size="sm">{t("twoFactor.codesLeft", { count: status.data.recoveryCodesLeft })}</Text>
              <Group gap="sm">
                <Button variant="default" onClick={() => setProofFor("regenerate")}>
                  {t("twoFactor.regenerate")}
                </Button>
                <Button variant="subtle" color="red" onClick={() => setProofFor("disable")}>
                  {t("twoFactor.disable")}
                </Button>
              </Group>
            </>
          ) : setup ? (
            <SetupForm
              setup={setup}
              onDone={(recoveryCodes) => {
                setSetup(null);
                setCodes(recoveryCodes);
              }}
              onCancel={() => setSetup(null)}
            />
          ) : (
            <Group>
              <Button
                leftSection={<IconShieldCheck size={16} aria-hidden />}
                loading={start.isPending}
                onClick={() => start.mutate(undefined, { onSuccess: setSetup })}
              >
                {t("twoFactor.setUp")}
              </Button>
            </Group>
          )}
        </Stack>
      )}
      <RecoveryCodesModal codes={codes} onClose={() => setCodes(null)} />
      <ProofModal
        purpose={proofFor}
        onClose={() => setProofFor(null)}
        onCodes={(recoveryCodes) => {
          setProofFor(null);
          setCodes(recoveryCodes);
        }}
      />
    </SectionCard>
  );
}

function SetupForm({
  setup,
  onDone,
  onCancel,
}: {
  setup: TwoFactorSetup;
  onDone: (codes: string[]) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const confirm = useConfirmTwoFactor();
  const form = useForm({ initialValues: { code: "" } });
  const submit = form.onSubmit(async ({ code }) => {
    try {
      const result = await confirm.mutateAsync(code.trim());
      notifySuccess(t("twoFactor.enabledNotice"));
      onDone(result.recoveryCodes);
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t("twoFactor.scan")}</Text>
        <Image src={setup.qrCode} alt={t("twoFactor.qrAlt")} w={180} h={180} />
        <Text size="xs" c="dimmed">
          {t("twoFactor.manualKey")}
        </Text>
        <Code style={{ wordBreak: "break-all" }} data-testid="totp-secret">
          {setup.secret}
        </Code>
      </Stack>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t("twoFactor.code")}
            description={t("twoFactor.confirmHint")}
            autoComplete="one-time-code"
            inputMode="numeric"
            maxLength={6}
            required
            {...form.getInputProps("code")}
          />
          <Group gap="sm">
            <Button type="submit" loading={form.submitting}>
              {t("twoFactor.confirm")}
            </Button>
            <Button variant="default" onClick={onCancel}>
              {t("common.cancel")}
            </Button>
          </Group>
        </Stack>
      </form>
    </SimpleGrid>
  );
}

function RecoveryCodesModal({ codes, onClose }: { codes: string[] | null; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={codes !== null} onClose={onClose} title={t("twoFactor.codesTitle")} centered>
      <Stack gap="sm">
        <Alert color="orange" variant="light">
          {t("twoFactor.codesOnce")}
        </Alert>
        <List spacing={4} size="sm" listStyleType="none" ff="monospace" data-testid="recovery-codes">
          {codes?.map((code) => (
            <List.Item key={code}>{code}</List.Item>
          ))}
        </List>
        <Group justify="flex-end">
          <CopyButton value={codes?.join("\n") ?? ""}>
            {({ copied, copy }) => (
              <Button variant="default" onClick={copy}>
                {t(copied ? "twoFactor.copied" : "twoFactor.copy")}
              </Button>
            )}
          </CopyButton>
          <Button onClick={onClose} data-autofocus>
            {t("twoFactor.codesSaved")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

interface ProofModalProps {
  purpose: "disable" | "regenerate" | null;
  onClose: () => void;
  onCodes: (codes: string[]) => void;
}

/** Turning off and new codes need the password (or a current code, for the API). */
function ProofModal({ purpose, onClose, onCodes }: ProofModalProps) {
  const { t } = useTranslation();
  const disable = useDisableTwoFactor();
  const regenerate = useRegenerateCodes();
  const form = useForm({ initialValues: { password: "" } });
  const close = () => {
    form.reset();
    onClose();
  };
  const submit = form.onSubmit(async ({ password }) => {
    try {
      if (purpose === "disable") {
        await disable.mutateAsync({ password });
        notifySuccess(t("twoFactor.disabledNotice"));
        close();
      } else {
        const result = await regenerate.mutateAsync({ password });
        form.reset();
        onCodes(result.recoveryCodes);
      }
    } catch (error) {
      showFormError(form, error);
    }
  });
  return (
    <Modal
      opened={purpose !== null}
      onClose={close}
      title={t(purpose === "disable" ? "twoFactor.disable" : "twoFactor.regenerate")}
      centered
    >
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <PasswordInput
            label={t("password.current")}
            autoComplete="current-password"
            required
            data-autofocus
            {...form.getInputProps("password")}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button type="submit" color={purpose === "disable" ? "red" : undefined} loading={form.submitting}>
              {t(purpose === "disable" ? "twoFactor.disable" : "twoFactor.regenerate")}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
