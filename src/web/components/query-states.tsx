import { Center, Loader, Paper, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { QueryError } from "./query-error";

/** The parts of a TanStack query (or infinite query) the states need. */
interface QueryLike {
  isPending: boolean;
  isError: boolean;
  isSuccess: boolean;
  error: unknown;
  refetch: () => unknown;
}

interface QueryStatesProps {
  query: QueryLike;
  /** Shown when the query succeeded but there is nothing to show (with `isEmpty`). */
  empty?: ReactNode;
  /** The usual `empty`: a dimmed sentence (framed on a page, plain when compact). */
  emptyText?: string;
  isEmpty?: boolean;
  /** A small loader, for a card or a dialog rather than a page. */
  compact?: boolean;
  /** false keeps the loader away (e.g. while a disabled query waits for its parameters). */
  showLoader?: boolean;
}

/**
 * What a query's content area shows besides the content: a loader while it loads, the error with a
 * retry button when it failed, and `empty` when it loaded nothing.
 */
export function QueryStates({
  query,
  empty,
  emptyText,
  isEmpty = false,
  compact = false,
  showLoader = true,
}: QueryStatesProps) {
  const { t } = useTranslation();
  return (
    <>
      {showLoader && query.isPending && (
        <Center py={compact ? "md" : "xl"}>
          <Loader size={compact ? "sm" : undefined} aria-label={t("app.loading")} />
        </Center>
      )}
      {query.isError && <QueryError error={query.error} onRetry={() => void query.refetch()} />}
      {query.isSuccess &&
        isEmpty &&
        (empty ?? (emptyText && <EmptyText text={emptyText} compact={compact} />))}
    </>
  );
}

function EmptyText({ text, compact }: { text: string; compact: boolean }) {
  if (compact)
    return (
      <Text size="sm" c="dimmed">
        {text}
      </Text>
    );
  return (
    <Paper withBorder radius="md" p="xl">
      <Text c="dimmed" ta="center">
        {text}
      </Text>
    </Paper>
  );
}
