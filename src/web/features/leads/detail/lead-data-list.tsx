import { Button, DataList, Stack, Text } from "@mantine/core";
import { IconChevronDown, IconChevronUp } from "@tabler/icons-react";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";

export interface DataItem {
  label: string;
  value: ReactNode;
}

const isEmpty = (value: ReactNode) =>
  value === null || value === undefined || value === "" || value === false;

/**
 * Label–value pairs of a section in view mode. Empty fields wait behind "Alle Felder anzeigen" (issue
 * #23 point 3: a page of "—" hid what is known); shown, they read "not set" so gaps are visible.
 */
export function LeadDataList({ items }: { items: DataItem[] }) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const empty = items.filter((item) => isEmpty(item.value)).length;
  const shown = showAll ? items : items.filter((item) => !isEmpty(item.value));
  return (
    <Stack gap={4} align="flex-start">
      {shown.length > 0 && (
        // 128 px: the longest German label ("Rechnungsadresse") stays inside its column at 1280 px.
        <DataList size="sm" gap={6} labelWidth={128} w="100%">
          {shown.map((item) => (
            <DataList.Item key={item.label}>
              <DataList.ItemLabel c="dimmed">{item.label}</DataList.ItemLabel>
              <DataList.ItemValue style={{ minWidth: 0, overflowWrap: "anywhere" }}>
                {isEmpty(item.value) ? (
                  <Text span c="dimmed" size="sm">
                    {t("common.notSet")}
                  </Text>
                ) : (
                  item.value
                )}
              </DataList.ItemValue>
            </DataList.Item>
          ))}
        </DataList>
      )}
      {empty > 0 && (
        <Button
          variant="subtle"
          size="compact-xs"
          onClick={() => setShowAll((all) => !all)}
          aria-expanded={showAll}
          rightSection={
            showAll ? <IconChevronUp size={12} aria-hidden /> : <IconChevronDown size={12} aria-hidden />
          }
        >
          {showAll ? t("common.hideEmptyFields") : t("common.showAllFields", { count: empty })}
        </Button>
      )}
    </Stack>
  );
}
