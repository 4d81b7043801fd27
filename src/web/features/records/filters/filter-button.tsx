import { Badge, Button } from "@mantine/core";
import { IconFilter } from "@tabler/icons-react";

interface FilterButtonProps {
  label: string;
  /** Filters set in the drawer, shown as a badge. */
  count: number;
  onClick: () => void;
}

/** Opens a list's filter drawer; lit up, with their number, while filters are set. */
export function FilterButton({ label, count, onClick }: FilterButtonProps) {
  return (
    <Button
      variant={count > 0 ? "light" : "default"}
      leftSection={<IconFilter size={16} aria-hidden />}
      rightSection={
        count > 0 ? (
          <Badge size="xs" circle>
            {count}
          </Badge>
        ) : undefined
      }
      onClick={onClick}
    >
      {label}
    </Button>
  );
}
