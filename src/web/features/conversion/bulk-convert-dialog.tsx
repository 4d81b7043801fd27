import { Alert, Button, Checkbox, Group, List, Modal, Select, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import { notifyError } from "@web/components/notify";
import { defaultPipeline, usePipelines } from "@web/features/pipelines/use-pipelines";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { BulkConvertRequest, BulkConvertResult } from "./conversion-api";
import { useBulkConvert } from "./use-conversion";

interface BulkConvertDialogProps {
  ids: string[];
  /** Names of the leads as the user saw them when selecting. */
  names: ReadonlyMap<string, string>;
  opened: boolean;
  onClose: (converted: boolean) => void;
}

type CompanyMode = NonNullable<BulkConvertRequest["company"]>;

/** Converts the selected leads with the prefill, each on its own, and reports which failed and why. */
export function BulkConvertDialog({ ids, names, opened, onClose }: BulkConvertDialogProps) {
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const bulk = useBulkConvert();
  const [company, setCompany] = useState<CompanyMode>("match_or_create");
  const [withDeal, setWithDeal] = useState(true);
  const [pipelineId, setPipelineId] = useState<string | null>(null);
  const [result, setResult] = useState<BulkConvertResult | null>(null);
  const pipeline = pipelines.data?.find((p) => p.id === pipelineId) ?? defaultPipeline(pipelines.data ?? []);

  const close = () => {
    const converted = (result?.converted.length ?? 0) > 0;
    setResult(null);
    onClose(converted);
  };
  const run = () =>
    bulk.mutate(
      {
        ids,
        contact: "match_or_create",
        company,
        deal: withDeal ? (pipeline ? { pipelineId: pipeline.id } : {}) : null,
      },
      { onSuccess: setResult, onError: (error) => notifyError(error) },
    );

  return (
    <Modal
      opened={opened}
      onClose={close}
      title={t("conversion.bulk.title", { count: ids.length })}
      size="lg"
    >
      {result ? (
        <BulkReport result={result} names={names} onClose={close} />
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {t("conversion.bulk.intro")}
          </Text>
          <Select
            label={t("conversion.bulk.company")}
            data={(["match_or_create", "create", "none"] as const).map((value) => ({
              value,
              label: t(`conversion.bulk.companyModes.${value}`),
            }))}
            value={company}
            allowDeselect={false}
            onChange={(value) => value && setCompany(value as CompanyMode)}
          />
          <Checkbox
            label={t("conversion.bulk.withDeal")}
            checked={withDeal}
            onChange={(e) => setWithDeal(e.currentTarget.checked)}
          />
          {withDeal && (
            <Select
              label={t("conversion.deal.pipeline")}
              description={t("conversion.bulk.firstStage")}
              data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
              value={pipeline?.id ?? null}
              allowDeselect={false}
              onChange={setPipelineId}
            />
          )}
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={close}>
              {t("common.cancel")}
            </Button>
            <Button onClick={run} loading={bulk.isPending}>
              {t("conversion.bulk.submit", { count: ids.length })}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function BulkReport({
  result,
  names,
  onClose,
}: {
  result: BulkConvertResult;
  names: ReadonlyMap<string, string>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="md" data-testid="bulk-convert-report">
      <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />}>
        {t("conversion.bulk.converted", { count: result.converted.length })}
      </Alert>
      {result.failed.length > 0 && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title={t("conversion.bulk.failed", { count: result.failed.length })}
        >
          <List size="sm" spacing={2}>
            {result.failed.map((f) => (
              <List.Item key={f.leadId}>
                <Text span fw={600} size="sm">
                  {names.get(f.leadId) ?? f.leadId}
                </Text>
                {": "}
                {t(`conversion.bulk.reasons.${f.reason}`)}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Group justify="flex-end">
        <Button onClick={onClose}>{t("common.close")}</Button>
      </Group>
    </Stack>
  );
}
