import { useDebouncedValue } from "@mantine/hooks";
import { SearchSelect } from "@web/components/search-select";
import { type ReactNode, useMemo, useState } from "react";

const SEARCH_DELAY_MS = 250;

export interface RecordPickerProps<T> {
  label: string;
  value: string | null;
  /** The chosen record comes along, so a form can take over its name. */
  onChange: (id: string | null, record: T | null) => void;
  error?: ReactNode;
  description?: ReactNode;
}

interface RecordPickerSetup<T> {
  placeholder: string;
  nothingFound: string;
  /** The search hook of the record kind; called on every render, so pass a stable function. */
  useSearch: (q: string) => { data?: T[] | undefined; isFetching: boolean };
  /** The one-record hook, so the chosen record shows even when the search does not find it. */
  useRecord: (id: string | null) => { data?: T | undefined };
  optionLabel: (record: T) => string;
}

/** Picks an existing record by asking the server's list search as the user types. */
export function RecordPicker<T extends { id: string }>(props: RecordPickerProps<T> & RecordPickerSetup<T>) {
  const { value, onChange, useSearch, useRecord, optionLabel } = props;
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, SEARCH_DELAY_MS);
  const found = useSearch(debounced);
  const current = useRecord(value);
  const records = useMemo(() => {
    const list = found.data ?? [];
    const chosen = current.data;
    return chosen && !list.some((r) => r.id === chosen.id) ? [chosen, ...list] : list;
  }, [found.data, current.data]);

  return (
    <SearchSelect
      label={props.label}
      placeholder={props.placeholder}
      nothingFound={props.nothingFound}
      options={records.map((record) => ({ value: record.id, label: optionLabel(record) }))}
      loading={found.isFetching}
      value={value}
      onChange={(id) => onChange(id, records.find((r) => r.id === id) ?? null)}
      search={search}
      onSearchChange={setSearch}
      error={props.error}
      description={props.description}
    />
  );
}
