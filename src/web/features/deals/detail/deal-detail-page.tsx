import { Grid, Stack } from "@mantine/core";
import { useQueryClient } from "@tanstack/react-query";
import { isApiError } from "@web/api/api-client";
import { refetchAskedBefore } from "@web/api/query-client";
import { showFormError } from "@web/components/form-errors";
import { notifyError } from "@web/components/notify";
import { RecordPageFrame } from "@web/components/record-page-frame";
import { CustomFieldsCard } from "@web/features/custom-fields/custom-fields-card";
import { DealQuotesCard } from "@web/features/quotes/deal-quotes-card";
import { StaleAlert } from "@web/features/records/stale-alert";
import { RecordTimeline } from "@web/features/timeline/record-timeline";
import { useLiveEvents } from "@web/lib/live-events";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { Deal } from "../deals-api";
import { dealKeys, useDeal, useMoveDeal, useUpdateDeal } from "../use-deals";
import { type DealEditor, DealEditorContext } from "./deal-editor-context";
import { DealHeader } from "./deal-header";
import { DealPeopleCard } from "./deal-people-card";
import { DealSourceCard } from "./deal-source-card";
import { DealStageHistory } from "./deal-stage-history";
import { DealSummaryCard } from "./deal-summary-card";

export function DealDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const deal = useDeal(id);
  const queryClient = useQueryClient();
  // Another user's change to this deal (a move on the board, won, an edit) shows without reload.
  const refresh = () => queryClient.invalidateQueries({ queryKey: dealKeys.all });
  useLiveEvents(
    ["deal.changed", "deal.deleted"],
    (event) => {
      if (event.id === id) void refresh();
    },
    (openedAt) => refetchAskedBefore({ queryKey: dealKeys.all }, openedAt),
  );
  return (
    <RecordPageFrame
      backTo="/deals/list"
      backLabel={t("deal.detail.back")}
      notFound={t("deal.detail.notFound")}
      query={deal}
    >
      {deal.data && <DealDetail deal={deal.data} />}
    </RecordPageFrame>
  );
}

function DealDetail({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const update = useUpdateDeal(deal.id);
  const move = useMoveDeal(deal.id);
  const [stale, setStale] = useState(false);

  const editor = useMemo<DealEditor>(
    () => ({
      deal,
      save: (body) => update.mutateAsync({ ...body, version: deal.version }),
      move: (stageId) => move.mutateAsync({ stageId, version: deal.version }),
      fail: (error, form) => {
        if (isApiError(error, 409)) setStale(true);
        else if (form) showFormError(form, error);
        else notifyError(error);
      },
    }),
    [deal, update.mutateAsync, move.mutateAsync],
  );

  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: dealKeys.all });
    setStale(false);
  };
  const primary = deal.contacts.find((c) => c.isPrimary) ?? deal.contacts[0];

  return (
    <DealEditorContext value={editor}>
      <Stack gap="md">
        <DealHeader onStale={() => setStale(true)} />
        {stale && (
          <StaleAlert
            texts={{
              title: t("deal.detail.staleTitle"),
              text: t("deal.detail.staleText"),
              reload: t("deal.detail.reload"),
            }}
            onReload={() => void reload()}
          />
        )}
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            {/* Activity first (issue #23 point 3): the timeline and its note box lead; master data at the side. */}
            <Stack gap="md">
              <RecordTimeline
                entity="deal"
                id={deal.id}
                defaults={{
                  name: deal.title,
                  companyId: deal.companyId,
                  contactId: primary?.contactId ?? null,
                }}
              />
              <DealQuotesCard deal={deal} />
              <DealStageHistory />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="md">
              <DealSummaryCard />
              <CustomFieldsCard
                entity="deal"
                values={deal.customFields}
                readOnly={!deal.abilities.update}
                save={(customFields) => editor.save({ customFields })}
              />
              <DealPeopleCard />
              <DealSourceCard />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </DealEditorContext>
  );
}
