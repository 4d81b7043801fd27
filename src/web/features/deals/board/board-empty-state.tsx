import { Alert, Button, EmptyState, Group, Paper } from "@mantine/core";
import { IconFilterOff, IconInfoCircle, IconLayoutKanban, IconPlus } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";

/** No pipeline at all: the board has no columns to show. */
export function NoPipelineState() {
  const { t } = useTranslation();
  return (
    <Paper withBorder radius="md" py={56} px="lg">
      <EmptyState
        size="lg"
        variant="light"
        icon={<IconLayoutKanban aria-hidden />}
        title={t("dealBoard.empty.noPipelineTitle")}
        description={t("dealBoard.empty.noPipelineText")}
      />
    </Paper>
  );
}

interface BoardEmptyNoticeProps {
  filtered: boolean;
  onCreate: () => void;
  onReset: () => void;
}

/** Above empty columns: either nothing matches the filters, or the pipeline has no open deals yet. */
export function BoardEmptyNotice({ filtered, onCreate, onReset }: BoardEmptyNoticeProps) {
  const { t } = useTranslation();
  return filtered ? (
    <Alert
      variant="light"
      color="gray"
      icon={<IconFilterOff aria-hidden />}
      title={t("dealBoard.empty.noMatch")}
    >
      <Button variant="default" size="xs" mt={4} onClick={onReset}>
        {t("dealBoard.filter.reset")}
      </Button>
    </Alert>
  ) : (
    <Alert variant="light" icon={<IconInfoCircle aria-hidden />} title={t("dealBoard.empty.noDealsTitle")}>
      {t("dealBoard.empty.noDealsText")}
      <Group mt="xs">
        <Button size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={onCreate}>
          {t("dealBoard.newDeal")}
        </Button>
      </Group>
    </Alert>
  );
}
