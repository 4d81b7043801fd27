import { Button, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";

interface ListFooterProps {
  /** "12 contacts shown" or the like. */
  shown: string;
  hasMore: boolean;
  loading: boolean;
  onLoadMore: () => void;
}

/** Below a keyset-paged table: how many rows are shown and a button for the next page. */
export function ListFooter({ shown, hasMore, loading, onLoadMore }: ListFooterProps) {
  const { t } = useTranslation();
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" aria-live="polite">
        {shown}
        {hasMore ? ` · ${t("common.moreAvailable")}` : ""}
      </Text>
      {hasMore && (
        <Button variant="default" onClick={onLoadMore} loading={loading}>
          {t("common.loadMore")}
        </Button>
      )}
    </Group>
  );
}
