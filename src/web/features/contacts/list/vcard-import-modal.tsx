import { Alert, Anchor, Button, FileInput, Group, List, Modal, Stack, Text } from "@mantine/core";
import { IconFileImport } from "@tabler/icons-react";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { notifyError } from "@web/components/notify";
import { serverMessage } from "@web/components/server-message";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { contactsApi, type VcardImportResult } from "../contacts-api";
import { contactKeys } from "../use-contacts";

/** Uploads a .vcf file (one or many cards) and shows what was imported and which cards failed, by line. */
export function VcardImportModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("contacts.vcard.importTitle")} size="lg">
      {opened && <VcardImportForm onClose={onClose} />}
    </Modal>
  );
}

function VcardImportForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<VcardImportResult | null>(null);
  const upload = useMutation({
    mutationFn: async (f: File) => contactsApi.importVcard(await f.text()),
    onSuccess: async (result) => {
      setReport(result);
      await queryClient.invalidateQueries({ queryKey: contactKeys.lists });
    },
    onError: (error) => notifyError(error),
  });

  if (report)
    return (
      <Stack gap="sm">
        <Alert color={report.failed.length ? "orange" : "teal"} variant="light" role="status">
          {t("contacts.vcard.summary", { imported: report.imported.length, failed: report.failed.length })}
        </Alert>
        {report.imported.length > 0 && (
          <List size="sm" spacing={2}>
            {report.imported.map((item) => (
              <List.Item key={item.id}>
                <Anchor component={Link} to={`/contacts/${item.id}`} size="sm" onClick={onClose}>
                  {item.name}
                </Anchor>
              </List.Item>
            ))}
          </List>
        )}
        {report.failed.map((card) => (
          <Alert
            key={card.card}
            color="red"
            variant="light"
            title={t("contacts.vcard.failedCard", {
              card: card.card,
              line: card.line,
              name: card.name ?? "",
            })}
          >
            <List size="sm" spacing={2}>
              {card.errors.map((e) => (
                <List.Item key={`${e.line}-${e.path}`}>
                  {t("contacts.vcard.errorLine", { line: e.line })}
                  {e.path ? ` (${e.path})` : ""}: {serverMessage(e)}
                </List.Item>
              ))}
            </List>
          </Alert>
        ))}
        {report.warnings.map((w) => (
          <Text key={`${w.card}-${w.message}`} size="xs" c="dimmed">
            {t("contacts.vcard.warning", { card: w.card })}: {serverMessage(w)}
          </Text>
        ))}
        <Group justify="flex-end">
          <Button onClick={onClose}>{t("common.close")}</Button>
        </Group>
      </Stack>
    );

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t("contacts.vcard.importHint")}
      </Text>
      <FileInput
        label={t("contacts.vcard.file")}
        accept=".vcf,text/vcard,text/x-vcard"
        value={file}
        onChange={setFile}
        clearable
        data-autofocus
        leftSection={<IconFileImport size={16} aria-hidden />}
      />
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
        <Button disabled={!file} loading={upload.isPending} onClick={() => file && upload.mutate(file)}>
          {t("contacts.vcard.import")}
        </Button>
      </Group>
    </Stack>
  );
}
