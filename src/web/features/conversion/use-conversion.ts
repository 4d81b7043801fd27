import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { dealKeys } from "@web/features/deals/use-deals";
import { leadKeys } from "@web/features/leads/use-leads";
import { type BulkConvertRequest, type ConvertLeadRequest, conversionApi } from "./conversion-api";

export const conversionKeys = {
  suggestions: (leadId: string) => ["leads", "convert-suggestions", leadId] as const,
};

export function useConversionSuggestions(leadId: string, enabled = true) {
  return useQuery({
    queryKey: conversionKeys.suggestions(leadId),
    queryFn: ({ signal }) => conversionApi.suggestions(leadId, signal),
    enabled,
    // Matches change as others add contacts; fetch fresh each time a dialog opens.
    staleTime: 0,
  });
}

/** After a conversion, leads, contacts, companies, deals and activities all have something new. */
function useRefreshAfterConversion() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all(
      [leadKeys.all, dealKeys.all, ["contacts"], ["companies"], ["activities"]].map((queryKey) =>
        queryClient.invalidateQueries({ queryKey }),
      ),
    );
}

export function useConvertLead(leadId: string) {
  const refresh = useRefreshAfterConversion();
  return useMutation({
    mutationFn: (body: ConvertLeadRequest) => conversionApi.convert(leadId, body),
    onSuccess: refresh,
  });
}

export function useBulkConvert() {
  const refresh = useRefreshAfterConversion();
  return useMutation({
    mutationFn: (body: BulkConvertRequest) => conversionApi.bulk(body),
    onSuccess: refresh,
  });
}
