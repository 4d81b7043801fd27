import { useTranslation } from "react-i18next";

/** The texts of a record list page. */
export interface RecordListTexts {
  title: string;
  filterTitle: string;
  create: string;
  searchLabel: string;
  searchPlaceholder: string;
  emptyTitle: string;
  emptyText: string;
  noMatch: string;
  shown: (count: number) => string;
}

/** The contact or company list's texts, from the same keys in each namespace. */
export function useRecordListTexts(namespace: "contacts" | "companies"): RecordListTexts {
  const { t } = useTranslation();
  return {
    title: t(`${namespace}.title`),
    filterTitle: t(`${namespace}.list.filterTitle`),
    create: t(`${namespace}.new`),
    searchLabel: t(`${namespace}.list.searchLabel`),
    searchPlaceholder: t(`${namespace}.list.searchPlaceholder`),
    emptyTitle: t(`${namespace}.list.emptyTitle`),
    emptyText: t(`${namespace}.list.emptyText`),
    noMatch: t(`${namespace}.list.noMatch`),
    shown: (count) => t(`${namespace}.list.shown`, { count }),
  };
}
