import { Group, Table, UnstyledButton } from "@mantine/core";
import { IconArrowsSort, IconSortAscending, IconSortDescending } from "@tabler/icons-react";
import type { ReactNode } from "react";

interface SortableThProps {
  children: ReactNode;
  /** null when the list is sorted by another column. */
  direction: "ascending" | "descending" | null;
  onSort: () => void;
  /** A hover hint such as "Sort by score"; the header's text names the button, aria-sort tells the state. */
  sortLabel: string;
  align?: "left" | "right";
  /** A floor for the column, so a long one-word header (German) is never cut. */
  minWidth?: number;
  /** The label may take a second line between its words (a custom field's "Branche (eigenes Feld)"). */
  wrapWords?: boolean;
  /** E.g. the sticky name column's class (sticky-columns.module.css). */
  className?: string;
}

/** A column header that sorts the table; the state is announced through aria-sort. */
export function SortableTh({
  children,
  direction,
  onSort,
  sortLabel,
  align = "left",
  minWidth,
  wrapWords = false,
  className,
}: SortableThProps) {
  const Icon =
    direction === "ascending"
      ? IconSortAscending
      : direction === "descending"
        ? IconSortDescending
        : IconArrowsSort;
  return (
    <Table.Th
      className={className}
      aria-sort={direction ?? "none"}
      miw={minWidth}
      style={{ whiteSpace: wrapWords ? "normal" : "nowrap" }}
    >
      <UnstyledButton
        onClick={onSort}
        title={sortLabel}
        fw={700}
        fz="sm"
        w={align === "right" ? "100%" : undefined}
      >
        <Group gap={4} wrap="nowrap" justify={align === "right" ? "flex-end" : "flex-start"}>
          <span>{children}</span>
          <Icon size={14} stroke={1.75} aria-hidden style={{ opacity: direction ? 1 : 0.4, flexShrink: 0 }} />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
