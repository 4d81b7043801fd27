import { useQueryClient } from "@tanstack/react-query";
import { QuickConvertDialog } from "@web/features/conversion/quick-convert-dialog";
import type { Lead } from "@web/features/leads/lead-model";
import { leadKeys } from "@web/features/leads/use-leads";
import { LANE_QUERY } from "./leads-lane";
import { boardKeys } from "./use-board";

interface LeadConvertDialogProps {
  /** The lead dropped on a stage; null: the dialog is closed. */
  lead: Lead | null;
  pipelineId: string;
  stageId: string | null;
  onClose: () => void;
}

/** The short confirm after a lead from the lane was dropped on a stage; the new deal appears there. */
export function LeadConvertDialog({ lead, pipelineId, stageId, onClose }: LeadConvertDialogProps) {
  const queryClient = useQueryClient();
  if (!lead || !stageId) return null;
  return (
    <QuickConvertDialog
      key={`${lead.id}:${stageId}`}
      leadId={lead.id}
      pipelineId={pipelineId}
      stageId={stageId}
      opened
      onClose={onClose}
      onConverted={() => {
        void queryClient.invalidateQueries({ queryKey: boardKeys.all });
        void queryClient.invalidateQueries({ queryKey: leadKeys.list(LANE_QUERY) });
        onClose();
      }}
    />
  );
}
