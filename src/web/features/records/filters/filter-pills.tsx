import { Button, Group, Pill } from "@mantine/core";
import { useTranslation } from "react-i18next";

export interface FilterPill {
  key: string;
  /** "Owner: Anna Schmidt, Unassigned" */
  label: string;
  onRemove: () => void;
}

interface FilterPillsProps {
  pills: readonly FilterPill[];
  /** Clears every filter shown here; offered once there are two or more. */
  onReset: () => void;
}

/** The active filters at a glance, each removable on its own (by mouse or keyboard). */
export function FilterPills({ pills, onReset }: FilterPillsProps) {
  const { t } = useTranslation();
  if (pills.length === 0) return null;
  return (
    <Group gap={6} wrap="wrap">
      {pills.map((pill) => (
        <Pill
          key={pill.key}
          size="md"
          withRemoveButton
          onRemove={pill.onRemove}
          // Mantine hides the remove button from the keyboard (it is meant for inputs); here it is the only way.
          removeButtonProps={{
            tabIndex: 0,
            "aria-hidden": false,
            "aria-label": `${t("common.clear")}: ${pill.label}`,
          }}
        >
          {pill.label}
        </Pill>
      ))}
      {pills.length > 1 && (
        <Button variant="subtle" size="compact-sm" onClick={onReset}>
          {t("recordList.filter.reset")}
        </Button>
      )}
    </Group>
  );
}
