import { Button, FileInput, Group, Paper, Select, Stack } from "@mantine/core";
import { IconFileUpload } from "@tabler/icons-react";
import { notifyError } from "@web/components/notify";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Import, importsApi, type UploadInput } from "./imports-api";

interface ImportUploadProps {
  onUploaded: (imp: Import, input: UploadInput) => void;
}

/** Step 1: the file and what it holds (leads, contacts, companies or deals). */
export function ImportUpload({ onUploaded }: ImportUploadProps) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [entity, setEntity] = useState<UploadInput["entity"]>("lead");
  const submit = async () => {
    if (!file) return;
    setBusy(true);
    try {
      const input: UploadInput = { file, entity };
      onUploaded(await importsApi.upload(input), input);
    } catch (error) {
      notifyError(error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="md" radius="md" maw={640}>
      <Stack gap="md">
        <FileInput
          label={t("imports.upload.file")}
          description={t("imports.upload.fileHint")}
          accept=".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          value={file}
          onChange={setFile}
          clearable
          leftSection={<IconFileUpload size={16} aria-hidden />}
        />
        <Select
          label={t("imports.upload.entity")}
          value={entity}
          onChange={(v) => setEntity((v as UploadInput["entity"] | null) ?? "lead")}
          allowDeselect={false}
          data={[
            { value: "lead", label: t("imports.upload.entityLead") },
            { value: "contact", label: t("imports.upload.entityContact") },
            { value: "company", label: t("imports.upload.entityCompany") },
            { value: "deal", label: t("imports.upload.entityDeal") },
          ]}
        />
        <Group justify="flex-end">
          <Button onClick={() => void submit()} loading={busy} disabled={!file}>
            {t("imports.upload.submit")}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
