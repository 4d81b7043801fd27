import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { DealStatus } from "./deals-api";

const COLORS: Record<DealStatus, string> = { open: "blue", won: "teal", lost: "red" };

export function DealStatusBadge({ status, size = "sm" }: { status: DealStatus; size?: "sm" | "md" | "lg" }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLORS[status]} variant="light" size={size}>
      {t(`deal.status.${status}`)}
    </Badge>
  );
}
