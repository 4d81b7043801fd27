import { TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";
import { useEffect, useRef, useState } from "react";

interface SearchBoxProps {
  label: string;
  placeholder: string;
  /** The search in effect (from the URL); a change from elsewhere (reset, back) replaces the text. */
  value: string;
  onSearch: (value: string) => void;
  /** The width it starts from in a wrapping toolbar, and the most it grows to (px). */
  basis?: number;
  maxWidth?: number;
}

const SEARCH_DELAY_MS = 300;

/** A list's search field: sends what was typed after a short pause, not on every keystroke. */
export function SearchBox({
  label,
  placeholder,
  value,
  onSearch,
  basis = 260,
  maxWidth = 420,
}: SearchBoxProps) {
  const [text, setText] = useState(value);
  const committed = useRef(value);
  const commit = useDebouncedCallback((next: string) => {
    committed.current = next.trim();
    onSearch(next.trim());
  }, SEARCH_DELAY_MS);
  useEffect(() => {
    if (value !== committed.current) {
      committed.current = value;
      setText(value);
    }
  }, [value]);

  return (
    <TextInput
      aria-label={label}
      placeholder={placeholder}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={text}
      onChange={(event) => {
        setText(event.currentTarget.value);
        commit(event.currentTarget.value);
      }}
      type="search"
      style={{ flex: `1 1 ${basis}px` }}
      maw={maxWidth}
    />
  );
}
