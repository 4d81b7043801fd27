import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { ContactPicker } from "@web/features/contacts/contact-picker";
import type { Deal } from "@web/features/deals/deals-api";
import { dealsApi } from "@web/features/deals/deals-api";
import { dealKeys } from "@web/features/deals/use-deals";
import { type Lead, leadDisplayName } from "@web/features/leads/lead-model";
import { leadsApi } from "@web/features/leads/leads-api";
import { leadKeys } from "@web/features/leads/use-leads";
import { RecordPicker } from "@web/features/records/record-picker";
import { useTranslation } from "react-i18next";

const PICKER_SIZE = 20;

/** The record an appointment made in the calendar is about (API.md: leadId, contactId or dealId). */
export type LinkKind = "lead" | "contact" | "deal";

function useLeadSearch(q: string) {
  const query = { q: q.trim() || undefined, sort: "name" as const, limit: PICKER_SIZE };
  return useQuery({
    queryKey: leadKeys.list(query),
    queryFn: async ({ signal }) => (await leadsApi.list(query, signal)).data,
    placeholderData: keepPreviousData,
  });
}

function useLeadRecord(id: string | null) {
  return useQuery({
    queryKey: leadKeys.detail(id ?? ""),
    queryFn: ({ signal }) => leadsApi.get(id ?? "", signal),
    enabled: id !== null,
  });
}

function useDealSearch(q: string) {
  const query = { q: q.trim() || undefined, sort: "title" as const, limit: PICKER_SIZE };
  return useQuery({
    queryKey: dealKeys.list(query),
    queryFn: async ({ signal }) => (await dealsApi.list(query, signal)).data,
    placeholderData: keepPreviousData,
  });
}

function useDealRecord(id: string | null) {
  return useQuery({
    queryKey: dealKeys.detail(id ?? ""),
    queryFn: ({ signal }) => dealsApi.get(id ?? "", signal),
    enabled: id !== null,
  });
}

const leadLabel = (lead: Lead) => {
  const name = leadDisplayName(lead);
  return lead.companyName && name !== lead.companyName ? `${name} (${lead.companyName})` : name;
};
const dealLabel = (deal: Deal) => (deal.companyName ? `${deal.title} (${deal.companyName})` : deal.title);

interface LinkPickerProps {
  kind: LinkKind;
  value: string | null;
  onChange: (id: string | null) => void;
  error?: string | undefined;
}

/** Searches the records of one kind as the user types, through the lists' permission gate. */
export function LinkPicker({ kind, value, onChange, error }: LinkPickerProps) {
  const { t } = useTranslation();
  const label = t(`calendar.create.link.${kind}`);
  if (kind === "contact")
    return <ContactPicker label={label} value={value} onChange={(id) => onChange(id)} error={error} />;
  if (kind === "lead")
    return (
      <RecordPicker
        label={label}
        value={value}
        onChange={(id) => onChange(id)}
        error={error}
        placeholder={t("calendar.create.searchLead")}
        nothingFound={t("calendar.create.nothingFound")}
        useSearch={useLeadSearch}
        useRecord={useLeadRecord}
        optionLabel={leadLabel}
      />
    );
  return (
    <RecordPicker
      label={label}
      value={value}
      onChange={(id) => onChange(id)}
      error={error}
      placeholder={t("calendar.create.searchDeal")}
      nothingFound={t("calendar.create.nothingFound")}
      useSearch={useDealSearch}
      useRecord={useDealRecord}
      optionLabel={dealLabel}
    />
  );
}
