import { Button, EmptyState, Paper } from "@mantine/core";
import { IconFilterOff, IconPlus, IconTargetArrow } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

interface LeadsEmptyStateProps {
  /** True when filters or a search hide leads that exist. */
  filtered: boolean;
  /** Left out when the user may not create leads (the permission matrix): then no create button. */
  onCreate?: () => void;
  onReset: () => void;
}

export function LeadsEmptyState({ filtered, onCreate, onReset }: LeadsEmptyStateProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" py={56} px="lg">
      {filtered ? (
        <EmptyState
          size="md"
          color="gray"
          variant="light"
          icon={<IconFilterOff aria-hidden />}
          title={t("leads.list.noMatch")}
        >
          <EmptyState.Actions mt="md">
            <Button variant="default" onClick={onReset}>
              {t("leads.list.resetFilters")}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      ) : (
        <EmptyState
          size="lg"
          variant="light"
          icon={<IconTargetArrow aria-hidden />}
          title={t("leads.list.emptyTitle")}
          description={t("leads.list.emptyText")}
        >
          {onCreate && (
            <EmptyState.Actions mt="md">
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onCreate}>
                {t("leads.new")}
              </Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      )}
    </Paper>
  );
}
