import { Button, Group, Text } from "@mantine/core";
import { formatEstimate } from "@shared/count-estimate";
import type { ListCount } from "@shared/schemas/list-count";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";

interface ListFooterProps {
  /** "12 contacts shown" or the like: said until the total has come. */
  shown: string;
  /** How many rows the table shows now. */
  rows: number;
  /** The list's total from its count endpoint; undefined while it loads (the list never waits for it). */
  total?: ListCount | undefined;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/**
 * Below a keyset-paged table: which rows of how many are shown ("1–50 von 1.234", an estimate as
 * "ca. 1,2 Mio.") and a button for the next page.
 */
export function ListFooter({ shown, rows, total, hasMore, loading, onLoadMore }: ListFooterProps) {
  const { t } = useTranslation();
  const { number, locale } = useFormat();
  const totalText =
    total === undefined
      ? null
      : total.exact
        ? number(total.count)
        : t("common.aboutCount", { value: formatEstimate(total.count, locale) });
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" aria-live="polite" className="lw-num" data-testid="list-range">
        {totalText === null
          ? `${shown}${hasMore ? ` · ${t("common.moreAvailable")}` : ""}`
          : t("common.listRange", { first: number(1), last: number(rows), total: totalText })}
      </Text>
      {hasMore && (
        <Button variant="default" onClick={onLoadMore} loading={loading}>
          {t("common.loadMore")}
        </Button>
      )}
    </Group>
  );
}
