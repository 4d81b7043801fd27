import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DealStatus } from "./deals-api";

const COLORS: Record<DealStatus, string> = { open: "blue", won: "teal", lost: "red" };

/**
 * Never shortened: in a squeezed table column Mantine's badge would otherwise cut "Gewonnen" to
 * "GEWO…" (issue #15). Written as the word is, not in capitals, which also keeps it narrow.
 */
export function DealStatusBadge({ status, size = "sm" }: { status: DealStatus; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  return (
    <Badge
      color={COLORS[status]}
      variant="light"
      size={size}
      tt="none"
      style={{ flexShrink: 0, minWidth: "max-content" }}
    >
      {t(`deal.status.${status}`)}
    </Badge>
  );
}
