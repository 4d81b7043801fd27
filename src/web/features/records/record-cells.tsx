import { Text } from "@mantine/core";
import { TagChips } from "@web/components/tag-chips";
import type { ReactNode } from "react";

/** The fields a record list sorts by on the server. */
export type RecordSortField = "name" | "createdAt" | "updatedAt";

export interface CellContext {
  /** A user's name for an owner column; null for none. */
  ownerName: (ownerId: string | null) => string | null;
}

/** How one optional column shows a row: a short text (or link), or a date the list may sort by. */
export type RecordCell<T> =
  | { kind: "text"; value: (row: T, context: CellContext) => ReactNode }
  | { kind: "date"; value: (row: T) => string; sort?: RecordSortField }
  /** A count, right-aligned in tabular figures. */
  | { kind: "count"; value: (row: T) => number }
  /** Content drawn as it is (chips, a relative day); null shows "not set". */
  | { kind: "node"; value: (row: T) => ReactNode };

/** The cells of a list's optional columns, one per column. */
export type RecordCells<T, C extends string> = Record<C, RecordCell<T>>;

export const textCell = <T,>(value: (row: T, context: CellContext) => ReactNode): RecordCell<T> => ({
  kind: "text",
  value,
});

export const dateCell = <T,>(value: (row: T) => string, sort?: RecordSortField): RecordCell<T> => ({
  kind: "date",
  value,
  sort,
});

export const countCell = <T,>(value: (row: T) => number): RecordCell<T> => ({ kind: "count", value });

export const nodeCell = <T,>(value: (row: T) => ReactNode): RecordCell<T> => ({ kind: "node", value });

interface RecordMeta {
  ownerId: string | null;
  tags: string[];
  createdAt: string;
  updatedAt: string;
}

/** The columns every CRM record has: owner, tags, and the created and updated dates (sortable). */
export const recordMetaCells = <T extends RecordMeta>() => ({
  owner: textCell<T>((row, { ownerName }) => ownerName(row.ownerId)),
  tags: nodeCell<T>((row) => (row.tags.length > 0 ? <TagChips tags={row.tags} /> : null)),
  createdAt: dateCell<T>((row) => row.createdAt, "createdAt"),
  updatedAt: dateCell<T>((row) => row.updatedAt, "updatedAt"),
});

/** How cells write what every column shares. */
export interface CellFormat {
  date: (value: string) => string;
  number: (value: number) => string;
  notSet: string;
}

/** One cell's content: the text cut to one line, "not set" when empty, or the date. */
export function renderCell<T>(cell: RecordCell<T>, row: T, context: CellContext, format: CellFormat) {
  if (cell.kind === "count")
    return (
      <Text size="sm" ta="right" className="lw-num">
        {format.number(cell.value(row))}
      </Text>
    );
  if (cell.kind === "node") {
    const node = cell.value(row);
    return (
      node ?? (
        <Text size="sm" c="dimmed">
          {format.notSet}
        </Text>
      )
    );
  }
  if (cell.kind === "date")
    return (
      <Text size="sm" className="lw-num" style={{ whiteSpace: "nowrap" }}>
        {format.date(cell.value(row))}
      </Text>
    );
  const value = cell.value(row, context);
  // Cut to one line; a plain text shows whole on hover.
  return value ? (
    <Text size="sm" truncate maw={240} title={typeof value === "string" ? value : undefined}>
      {value}
    </Text>
  ) : (
    <Text size="sm" c="dimmed">
      {format.notSet}
    </Text>
  );
}
