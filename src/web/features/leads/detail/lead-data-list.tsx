import { DataList, Text } from "@mantine/core";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

export interface DataItem {
  label: string;
  value: ReactNode;
}

/** Label–value pairs of a section in view mode; empty values show a dash so gaps are visible. */
export function LeadDataList({ items }: { items: DataItem[] }) {
  const { t } = useTranslation();
  return (
    <DataList size="sm" gap={6} labelWidth={130}>
      {items.map((item) => (
        <DataList.Item key={item.label}>
          <DataList.ItemLabel c="dimmed">{item.label}</DataList.ItemLabel>
          <DataList.ItemValue style={{ minWidth: 0, overflowWrap: "anywhere" }}>
            {item.value === null || item.value === undefined || item.value === "" ? (
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
  );
}
