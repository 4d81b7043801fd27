import { Alert, Button, Center, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { IconArrowsExchange, IconGitMerge } from "@tabler/icons-react";
import { isApiError } from "@web/api/api-client";
import { notifyError, notifySuccess } from "@web/components/notify";
import { QueryError } from "@web/components/query-error";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate, useSearchParams } from "react-router";
import { type MergeField, mergeRows } from "./merge-rows";
import { type MergeSide, MergeTable } from "./merge-table";

interface MergeRequest {
  survivorId: string;
  loserId: string;
  version: number;
  fields: Record<string, MergeSide>;
}

interface RecordMergeSetup<T, M> {
  texts: { title: string; intro: string };
  /** The records' page path, e.g. "/contacts"; the survivor's page opens after the merge. */
  basePath: string;
  /** The one-record hook; called on every render, so pass a stable function. */
  useRecord: (id: string | null) => { data?: T | undefined; error: unknown; refetch: () => Promise<unknown> };
  useMerge: () => { mutateAsync: (body: MergeRequest) => Promise<M>; isPending: boolean };
  name: (record: T) => string;
  /** The survivor's name in the merge answer. */
  mergedName: (result: M) => string;
  fields: readonly MergeField<T>[];
}

type Merged = { moved: Record<string, number> };

/** …/merge?survivor=…&loser=…: both records side by side, a value picked per field. */
export function RecordMergePage<T extends { id: string; version: number }, M extends Merged>(
  setup: RecordMergeSetup<T, M>,
) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const survivorId = params.get("survivor");
  const loserId = params.get("loser");
  const survivor = setup.useRecord(survivorId);
  const loser = setup.useRecord(loserId);
  useDocumentTitle(`${setup.texts.title} · ${t("app.name")}`);
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
    <RecordMerge
      key={`${survivorId}-${loserId}`}
      setup={setup}
      survivor={survivor.data}
      loser={loser.data}
      onSwap={swap}
    />
  );
}

interface RecordMergeProps<T, M> {
  setup: RecordMergeSetup<T, M>;
  survivor: T;
  loser: T;
  onSwap: () => void;
}

function RecordMerge<T extends { id: string; version: number }, M extends Merged>({
  setup,
  survivor,
  loser,
  onSwap,
}: RecordMergeProps<T, M>) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const merge = setup.useMerge();
  const [choices, setChoices] = useState<Record<string, MergeSide>>({});

  const submit = async () => {
    try {
      const result = await merge.mutateAsync({
        survivorId: survivor.id,
        loserId: loser.id,
        version: survivor.version,
        fields: choices,
      });
      const moved = Object.values(result.moved).reduce((a, b) => a + b, 0);
      notifySuccess(t("merge.done", { name: setup.mergedName(result), count: moved }));
      await navigate(`${setup.basePath}/${survivor.id}`, { replace: true });
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Stack gap="md" maw={1100}>
      <Stack gap={4}>
        <Title order={1} size="h2">
          {setup.texts.title}
        </Title>
        <Text c="dimmed" size="sm">
          {setup.texts.intro}
        </Text>
      </Stack>
      <MergeTable
        rows={mergeRows(setup.fields, survivor, loser)}
        choices={choices}
        onChoose={(field, side) => setChoices((c) => ({ ...c, [field]: side }))}
        survivorTitle={setup.name(survivor)}
        loserTitle={setup.name(loser)}
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
            {t("merge.submit", { name: setup.name(loser) })}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
