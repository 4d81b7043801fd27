import { Stack } from "@mantine/core";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { ImportDryRun } from "./import-dry-run";
import { ImportMapping } from "./import-mapping";
import { ImportProgress } from "./import-progress";
import { ImportUpload } from "./import-upload";
import { type UploadInput, useImport } from "./imports-api";

/**
 * The file import (issue #17), one step after the other: upload, mapping (with what was detected),
 * dry run, progress and result. The import's id is in the address, so a reload keeps the place.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const navigate = useNavigate();
  const imp = useImport(id);
  const [upload, setUpload] = useState<UploadInput | null>(null);
  const [remap, setRemap] = useState(false);
  const open = (importId: string, input: UploadInput) => {
    setUpload(input);
    setRemap(false);
    void navigate(`/import/${importId}`);
  };
  const data = imp.data;
  const step = !id
    ? "upload"
    : !data
      ? "loading"
      : data.status === "mapping" || data.status === "analysing" || (data.status === "ready" && remap)
        ? "mapping"
        : data.status === "ready"
          ? "dryRun"
          : "progress";

  return (
    <Stack gap="md">
      <PageHeader title={t("imports.title")} description={data?.fileName} />
      {step === "upload" && <ImportUpload onUploaded={(created, input) => open(created.id, input)} />}
      {step === "loading" && <QueryStates query={imp} />}
      {data && step === "mapping" && (
        <ImportMapping
          key={`${data.id}-${data.status}`}
          imp={data}
          upload={upload}
          onReread={(created, input) => open(created.id, input)}
          onComputed={() => setRemap(false)}
        />
      )}
      {data && step === "dryRun" && <ImportDryRun imp={data} onBack={() => setRemap(true)} />}
      {data && step === "progress" && <ImportProgress imp={data} onAgain={() => void navigate("/import")} />}
    </Stack>
  );
}
