import { ContactPicker } from "@web/features/contacts/contact-picker";
import type { Deal } from "@web/features/deals/deals-api";
import { dealsApi } from "@web/features/deals/deals-api";
import { dealKeys } from "@web/features/deals/use-deals";
import { type Lead, leadDisplayName } from "@web/features/leads/lead-model";
import { leadsApi } from "@web/features/leads/leads-api";
import { leadKeys } from "@web/features/leads/use-leads";
import { pickerHooks } from "@web/features/records/record-hooks";
import { RecordPicker } from "@web/features/records/record-picker";
import { useTranslation } from "react-i18next";

/** The record an appointment made in the calendar is about (API.md: leadId, contactId or dealId). */
export type LinkKind = "lead" | "contact" | "deal";

const leadPicker = pickerHooks({
  keys: leadKeys,
  list: leadsApi.list,
  get: leadsApi.get,
  searchQuery: (q) => ({ q, sort: "name" as const }),
});
const dealPicker = pickerHooks({
  keys: dealKeys,
  list: dealsApi.list,
  get: dealsApi.get,
  searchQuery: (q) => ({ q, sort: "title" as const }),
});

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
        useSearch={leadPicker.useSearch}
        useRecord={leadPicker.useRecord}
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
      useSearch={dealPicker.useSearch}
      useRecord={dealPicker.useRecord}
      optionLabel={dealLabel}
    />
  );
}
