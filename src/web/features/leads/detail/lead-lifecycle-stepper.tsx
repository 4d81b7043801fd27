import { Alert, Paper, Stepper, Text } from "@mantine/core";
import { IconAlertCircle } from "@tabler/icons-react";
import { isApiError } from "@web/api/api-client";
import { errorMessage } from "@web/components/error-message";
import { notifySuccess } from "@web/components/notify";
import { serverMessage } from "@web/components/server-message";
import { useAppSettings } from "@web/features/settings/use-app-settings";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LIFECYCLE_STAGES, type LifecycleStage } from "../lead-model";
import { useLeadEditor } from "./lead-editor-context";
import { ReasonModal } from "./reason-modal";

/** MAL → MQL → SAL → SQL with the time each stage was entered; forward by a click, back with a reason. */
export function LeadLifecycleStepper() {
  const { t } = useTranslation();
  const format = useFormat();
  const { lead, readOnly, save, fail } = useLeadEditor();
  const settings = useAppSettings();
  const [movingBackTo, setMovingBackTo] = useState<LifecycleStage | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const current = LIFECYCLE_STAGES.indexOf(lead.lifecycleStage);
  const sqlBlocked = settings.data?.sqlRequiresBant !== false && !lead.bantQualified;

  const moveTo = async (stage: LifecycleStage) => {
    setRefusal(null);
    try {
      await save({ lifecycleStage: stage });
      notifySuccess(t("leads.lifecycleControl.changed", { stage: t(`leads.lifecycle.${stage}`) }));
    } catch (error) {
      // The server's own words say what is missing (e.g. SQL needs BANT); they belong next to the stepper.
      if (isApiError(error, 422)) {
        const first = error.problem.errors?.[0];
        setRefusal(first ? serverMessage(first) : errorMessage(error));
      } else fail(error);
    }
  };

  const select = (index: number) => {
    const stage = LIFECYCLE_STAGES[index];
    if (!stage || index === current || readOnly) return;
    if (index < current) setMovingBackTo(stage);
    else void moveTo(stage);
  };

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={t("leads.lifecycleControl.title")}>
      {/* At the last stage every step shows as done; before it, the current stage shows as in progress. */}
      <Stepper
        active={current === LIFECYCLE_STAGES.length - 1 ? LIFECYCLE_STAGES.length : current}
        onStepClick={select}
        size="sm"
        iconSize={30}
        allowNextStepsSelect={!readOnly}
      >
        {LIFECYCLE_STAGES.map((stage, index) => {
          const entered = lead.lifecycleTimes[stage];
          return (
            <Stepper.Step
              key={stage}
              label={t(`leads.lifecycle.${stage}`)}
              description={
                <>
                  <Text span size="xs" display="block">
                    {t(`leads.lifecycleName.${stage}`)}
                  </Text>
                  <Text span size="xs" c="dimmed" display="block">
                    {entered
                      ? t("leads.lifecycleControl.entered", { date: format.dateTime(entered) })
                      : t("leads.lifecycleControl.notReached")}
                  </Text>
                  {stage === "sql" && index > current && sqlBlocked && (
                    <Text span size="xs" c="orange" display="block">
                      {t("leads.lifecycleControl.needsBant")}
                    </Text>
                  )}
                </>
              }
              allowStepSelect={!readOnly && index !== current}
            />
          );
        })}
      </Stepper>
      {refusal && (
        <Alert
          mt="sm"
          color="orange"
          variant="light"
          icon={<IconAlertCircle aria-hidden />}
          role="alert"
          withCloseButton
          onClose={() => setRefusal(null)}
        >
          {refusal}
        </Alert>
      )}
      <ReasonModal
        opened={movingBackTo !== null}
        title={
          movingBackTo
            ? t("leads.lifecycleControl.backTitle", { stage: t(`leads.lifecycle.${movingBackTo}`) })
            : ""
        }
        label={t("leads.lifecycleControl.backReason")}
        submitLabel={t("leads.lifecycleControl.backSubmit")}
        field="lifecycleReason"
        change={{ lifecycleStage: movingBackTo ?? lead.lifecycleStage }}
        onClose={() => setMovingBackTo(null)}
        onSaved={() => {
          if (movingBackTo)
            notifySuccess(
              t("leads.lifecycleControl.changed", { stage: t(`leads.lifecycle.${movingBackTo}`) }),
            );
          setMovingBackTo(null);
        }}
      />
    </Paper>
  );
}
