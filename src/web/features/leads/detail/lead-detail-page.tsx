import { Alert, Anchor, Center, Grid, Group, Loader, Stack } from "@mantine/core";
import { IconAlertTriangle, IconArrowLeft, IconLock } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { isApiError } from "@web/api/api-client";
import { showFormError } from "@web/components/form-errors";
import { notifyError } from "@web/components/notify";
import { QueryError } from "@web/components/query-error";
import { ConvertedLinks } from "@web/features/conversion/converted-links";
import { CustomFieldsCard } from "@web/features/custom-fields/custom-fields-card";
import { PrivacyCard } from "@web/features/gdpr/privacy-card";
import { StaleAlert } from "@web/features/records/stale-alert";
import { RecordTimeline } from "@web/features/timeline/record-timeline";
import { LeadWinCard } from "@web/features/win-model/lead-win-card";
import { useFormat } from "@web/i18n/use-format";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { leadDisplayName } from "../lead-model";
import type { LeadDetail as LeadDetailData } from "../leads-api";
import { leadKeys, useLead, useUpdateLead } from "../use-leads";
import { LeadBantPanel } from "./lead-bant-panel";
import { type LeadEditor, LeadEditorContext } from "./lead-editor-context";
import { LeadHeader } from "./lead-header";
import { LeadInquirySection } from "./lead-inquiry-section";
import { LeadLifecycleStepper } from "./lead-lifecycle-stepper";
import { LeadLinksCard } from "./lead-links-card";
import { LeadOwnerCard } from "./lead-owner-card";
import { LeadPersonSection } from "./lead-person-section";
import { LeadScoreCard } from "./lead-score-card";

export function LeadDetailPage() {
  const { t } = useTranslation();
  const { id = "" } = useParams();
  const lead = useLead(id);

  return (
    <Stack gap="md">
      <Anchor component={Link} to="/leads" size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {t("leads.detail.back")}
        </Group>
      </Anchor>
      {lead.isPending && (
        <Center py="xl">
          <Loader aria-label={t("app.loading")} />
        </Center>
      )}
      {lead.isError &&
        (isApiError(lead.error, 404) ? (
          <Alert color="gray" icon={<IconAlertTriangle aria-hidden />}>
            {t("leads.detail.notFound")}
          </Alert>
        ) : (
          <QueryError error={lead.error} onRetry={() => void lead.refetch()} />
        ))}
      {lead.data && <LeadDetail lead={lead.data} />}
    </Stack>
  );
}

function LeadDetail({ lead }: { lead: LeadDetailData }) {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const update = useUpdateLead(lead.id);
  const [stale, setStale] = useState(false);

  const editor = useMemo<LeadEditor>(
    () => ({
      lead,
      readOnly: !lead.abilities.update,
      save: (body) => update.mutateAsync({ ...body, version: lead.version }),
      fail: (error, form) => {
        if (isApiError(error, 409)) setStale(true);
        else if (form) showFormError(form, error);
        else notifyError(error);
      },
    }),
    [lead, update.mutateAsync],
  );

  const reload = async () => {
    await queryClient.invalidateQueries({ queryKey: leadKeys.detail(lead.id) });
    await queryClient.invalidateQueries({ queryKey: leadKeys.timeline(lead.id) });
    setStale(false);
  };

  return (
    <LeadEditorContext value={editor}>
      <Stack gap="md">
        <LeadHeader />
        {stale && (
          <StaleAlert
            texts={{
              title: t("leads.detail.staleTitle"),
              text: t("leads.detail.staleText"),
              reload: t("leads.detail.reload"),
            }}
            onReload={() => void reload()}
          />
        )}
        {lead.status === "converted" && (
          <Alert color="teal" variant="light" icon={<IconLock aria-hidden />}>
            {t("leads.detail.converted", { date: lead.convertedAt ? format.date(lead.convertedAt) : "" })}
            <ConvertedLinks
              contactId={lead.convertedContactId}
              companyId={lead.convertedCompanyId}
              dealId={lead.convertedDealId}
            />
          </Alert>
        )}
        <LeadLifecycleStepper />
        <Grid gap="md">
          <Grid.Col span={{ base: 12, md: 8 }}>
            {/* Activity first (issue #23 point 3): the timeline and its note box lead; master data at the side. */}
            <Stack gap="md">
              <RecordTimeline
                entity="lead"
                id={lead.id}
                defaults={{
                  name: leadDisplayName(lead) || t("leads.unnamed"),
                  contactId: lead.contactId,
                  companyId: lead.companyId,
                }}
              />
              <LeadBantPanel />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="md">
              <LeadPersonSection />
              <LeadInquirySection />
              <CustomFieldsCard
                entity="lead"
                values={lead.customFields}
                readOnly={editor.readOnly}
                save={(customFields) => editor.save({ customFields })}
              />
              <LeadScoreCard />
              <LeadWinCard win={lead.winProbability} />
              <LeadOwnerCard />
              <LeadLinksCard />
              <PrivacyCard type="lead" id={lead.id} name={leadDisplayName(lead) || t("leads.unnamed")} />
            </Stack>
          </Grid.Col>
        </Grid>
      </Stack>
    </LeadEditorContext>
  );
}
