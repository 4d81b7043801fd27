import { Button, EmptyState, Paper } from "@mantine/core";
import { IconFilterOff, IconPlus } from "@tabler/icons-react";
import type { ReactNode } from "react";

interface ListEmptyStateProps {
  /** True when a search hides records that exist. */
  filtered: boolean;
  icon: ReactNode;
  title: string;
  text: string;
  createLabel: string;
  /** Left out when the user may not create (the permission matrix): then no create button. */
  onCreate?: () => void;
  noMatch: string;
  resetLabel: string;
  onReset: () => void;
}

/** A list with nothing to show: either nothing matches the search, or there is nothing yet. */
export function ListEmptyState(props: ListEmptyStateProps) {
  return (
    <Paper withBorder radius="md" py={56} px="lg">
      {props.filtered ? (
        <EmptyState
          size="md"
          color="gray"
          variant="light"
          icon={<IconFilterOff aria-hidden />}
          title={props.noMatch}
        >
          <EmptyState.Actions mt="md">
            <Button variant="default" onClick={props.onReset}>
              {props.resetLabel}
            </Button>
          </EmptyState.Actions>
        </EmptyState>
      ) : (
        <EmptyState size="lg" variant="light" icon={props.icon} title={props.title} description={props.text}>
          {props.onCreate && (
            <EmptyState.Actions mt="md">
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={props.onCreate}>
                {props.createLabel}
              </Button>
            </EmptyState.Actions>
          )}
        </EmptyState>
      )}
    </Paper>
  );
}
