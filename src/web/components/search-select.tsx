import { Loader, Select } from "@mantine/core";
import type { ReactNode } from "react";

export interface SearchOption {
  value: string;
  label: string;
}

interface SearchSelectProps {
  label: string;
  placeholder?: string;
  nothingFound: string;
  /** What the server found for the search text, plus the chosen option so its label shows. */
  options: SearchOption[];
  loading: boolean;
  value: string | null;
  onChange: (value: string | null) => void;
  search: string;
  onSearchChange: (search: string) => void;
  error?: ReactNode;
  description?: ReactNode;
  disabled?: boolean;
}

/** A searchable select whose options come from a server search rather than a fixed list. */
export function SearchSelect({
  options,
  loading,
  nothingFound,
  search,
  onSearchChange,
  ...props
}: SearchSelectProps) {
  return (
    <Select
      {...props}
      data={options}
      searchable
      clearable
      searchValue={search}
      onSearchChange={onSearchChange}
      // The server already matched (accent-insensitively); filtering again here would hide hits.
      filter={({ options: found }) => found}
      nothingFoundMessage={loading ? undefined : nothingFound}
      rightSection={loading ? <Loader size={14} /> : undefined}
    />
  );
}
