import { Alert, Progress, Stack, Text } from "@mantine/core";
import { IconAlertTriangle, IconCircleCheck, IconRefresh } from "@tabler/icons-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormat } from "@web/i18n/use-format";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { type ScoreRecalculation, settingsApi } from "./settings-api";
import { scoreRecalculationQueryKey } from "./use-app-settings";

const POLL_MS = 1500;
const underWay = (state: ScoreRecalculation["state"] | undefined) =>
  state === "queued" || state === "running";

/** Whether every lead's score follows the current rules, or how far their recalculation got. */
export function ScoreRecalculationStatus() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const { data } = useQuery({
    queryKey: scoreRecalculationQueryKey,
    queryFn: ({ signal }) => settingsApi.scoreRecalculation(signal),
    refetchInterval: (query) => (underWay(query.state.data?.state) ? POLL_MS : false),
  });

  // Lists sorted by score were stale while it ran; refresh them once it is done.
  const wasUnderWay = useRef(false);
  useEffect(() => {
    if (underWay(data?.state)) wasUnderWay.current = true;
    else if (wasUnderWay.current && data?.state === "done") {
      wasUnderWay.current = false;
      void queryClient.invalidateQueries({ queryKey: ["leads"] });
    }
  }, [data?.state, queryClient]);

  if (!data || data.state === "idle") return null;
  if (underWay(data.state)) {
    const total = data.total ?? 0;
    const percent = total > 0 ? Math.min(100, Math.floor((data.done / total) * 100)) : 0;
    return (
      <Alert variant="light" color="blue" icon={<IconRefresh aria-hidden />} role="status" aria-live="polite">
        <Stack gap={6}>
          <Text size="sm" fw={500}>
            {data.state === "queued"
              ? t("scoreRecalculation.queued")
              : t("scoreRecalculation.running", { percent })}
          </Text>
          <Progress value={percent} animated aria-label={t("scoreRecalculation.progressLabel")} />
          {total > 0 && (
            <Text size="xs" c="dimmed">
              {t("scoreRecalculation.counts", {
                done: format.number(data.done),
                total: format.number(total),
              })}
            </Text>
          )}
        </Stack>
      </Alert>
    );
  }
  if (data.state === "failed") {
    return (
      <Alert variant="light" color="red" icon={<IconAlertTriangle aria-hidden />} role="status">
        {t("scoreRecalculation.failed")}
      </Alert>
    );
  }
  return (
    <Text size="sm" c="dimmed" role="status">
      <IconCircleCheck size={16} aria-hidden style={{ verticalAlign: "text-bottom", marginRight: 6 }} />
      {data.finishedAt
        ? t("scoreRecalculation.doneAt", { time: format.dateTime(data.finishedAt) })
        : t("scoreRecalculation.done")}
    </Text>
  );
}
