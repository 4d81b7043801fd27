import { Button, Menu } from "@mantine/core";
import type { ExportableList } from "@shared/schemas/export";
import type { OwnedEntity } from "@shared/schemas/permissions";
import { IconChevronDown, IconDownload, IconFileSpreadsheet, IconFileTypeCsv } from "@tabler/icons-react";
import { apiUrl } from "@web/api/api-client";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { isLocale } from "@web/i18n/i18n";
import { useTranslation } from "react-i18next";
import { exportColumnsOf } from "./export-columns";

export const ENTITY_OF_LIST = {
  leads: "lead",
  contacts: "contact",
  companies: "company",
  deals: "deal",
  activities: "activity",
} as const satisfies Record<ExportableList, OwnedEntity>;

type QueryValue = string | number | boolean | null | undefined;

interface ExportMenuProps {
  list: ExportableList;
  /** The list's current filters, as sent to the list (paging parameters are dropped). */
  query: Record<string, QueryValue>;
  /** The table columns shown (the view's columns); all columns when absent. */
  columns?: readonly string[] | undefined;
  /** Ids of the ticked rows: offered as "only the selected". */
  selected?: readonly string[] | undefined;
}

/**
 * "Export" on a list: CSV or Excel, of everything the filters match or only the ticked rows, in the
 * UI's language (German: `;`, decimal comma, 23.11.2026). Plain links: the browser downloads the
 * streamed file with the session cookie.
 */
export function ExportMenu({ list, query, columns, selected = [] }: ExportMenuProps) {
  const { i18n } = useTranslation();
  // The permission matrix's Export right of the list's entity (Settings → Permissions).
  const mayExport = useCurrentUser().permissions[ENTITY_OF_LIST[list]].export;
  const language = i18n.resolvedLanguage ?? i18n.language;
  const { limit: _limit, cursor: _cursor, fields: _fields, ...filters } = query;
  const base = {
    ...filters,
    locale: isLocale(language) ? language : "en",
    columns: columns ? exportColumnsOf(list, columns).join(",") : undefined,
  };
  const href = (format: Format, ids?: readonly string[]) =>
    apiUrl(`/${list}/export.${format}`, ids ? { ...base, ids: ids.join(",") } : base);
  // Selected rows go by id in the URL; beyond a few hundred the link would be too long.
  const selection = selected.length > 0 && selected.length <= 400 ? selected : null;

  if (!mayExport) return null;
  return <ExportDownloadMenu href={href} selection={selection} />;
}

type Format = "csv" | "xlsx";

/**
 * The "Export" button and its menu: CSV or Excel of everything the filters match and, with a
 * selection, of only those rows. `href` builds each download link; any exportable page uses it
 * (lists through ExportMenu, the audit trail directly).
 */
export function ExportDownloadMenu({
  href,
  selection = null,
}: {
  href: (format: Format, ids?: readonly string[]) => string;
  selection?: readonly string[] | null;
}) {
  const { t } = useTranslation();
  const items = (ids?: readonly string[]) => (
    <>
      <Menu.Item
        component="a"
        href={href("csv", ids)}
        download
        leftSection={<IconFileTypeCsv size={16} aria-hidden />}
      >
        {t("export.csv")}
      </Menu.Item>
      <Menu.Item
        component="a"
        href={href("xlsx", ids)}
        download
        leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
      >
        {t("export.xlsx")}
      </Menu.Item>
    </>
  );
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          leftSection={<IconDownload size={16} aria-hidden />}
          rightSection={<IconChevronDown size={14} aria-hidden />}
        >
          {t("export.menu")}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t("export.allFiltered")}</Menu.Label>
        {items()}
        {selection && (
          <>
            <Menu.Divider />
            <Menu.Label>{t("export.selectedOnly", { count: selection.length })}</Menu.Label>
            {items(selection)}
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
