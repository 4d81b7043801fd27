import { Button, Checkbox, Popover, Stack } from "@mantine/core";
import { IconColumns3 } from "@tabler/icons-react";

interface ColumnChooserProps<C extends string> {
  label: string;
  columns: readonly { id: C; label: string }[];
  visible: readonly C[];
  onChange: (visible: C[]) => void;
}

/** A button with a checkbox per optional column of a table. */
export function ColumnChooser<C extends string>({
  label,
  columns,
  visible,
  onChange,
}: ColumnChooserProps<C>) {
  return (
    <Popover position="bottom-end" shadow="md" withinPortal trapFocus>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns3 size={16} aria-hidden />}>
          {label}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Checkbox.Group
          label={label}
          value={[...visible]}
          onChange={(values) => onChange(columns.filter((c) => values.includes(c.id)).map((c) => c.id))}
        >
          <Stack gap={8} mt="xs">
            {columns.map((column) => (
              <Checkbox key={column.id} value={column.id} label={column.label} />
            ))}
          </Stack>
        </Checkbox.Group>
      </Popover.Dropdown>
    </Popover>
  );
}
