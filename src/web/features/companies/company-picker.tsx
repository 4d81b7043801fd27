import { useDebouncedValue } from "@mantine/hooks";
import { SearchSelect } from "@web/components/search-select";
import { type ReactNode, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Company } from "./companies-api";
import { useCompany, useCompanySearch } from "./use-companies";

interface CompanyPickerProps {
  label: string;
  value: string | null;
  /** The chosen company comes along, so a form can take over its name. */
  onChange: (id: string | null, company: Company | null) => void;
  error?: ReactNode;
  description?: ReactNode;
}

/** Picks an existing company by searching GET /companies?q= as the user types. */
export function CompanyPicker({ label, value, onChange, error, description }: CompanyPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const found = useCompanySearch(debounced);
  const current = useCompany(value);
  const companies = useMemo(() => {
    const list = found.data ?? [];
    const chosen = current.data;
    return chosen && !list.some((c) => c.id === chosen.id) ? [chosen, ...list] : list;
  }, [found.data, current.data]);

  return (
    <SearchSelect
      label={label}
      placeholder={t("companies.picker.placeholder")}
      nothingFound={t("companies.picker.nothingFound")}
      options={companies.map((company) => ({ value: company.id, label: company.name }))}
      loading={found.isFetching}
      value={value}
      onChange={(id) => onChange(id, companies.find((c) => c.id === id) ?? null)}
      search={search}
      onSearchChange={setSearch}
      error={error}
      description={description}
    />
  );
}
