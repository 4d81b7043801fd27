import { Stack, Text } from "@mantine/core";
import { BantIndicator } from "@web/components/bant-indicator";
import { RelativeDay } from "@web/components/relative-day";
import { TagChips } from "@web/components/tag-chips";
import { PhoneText } from "@web/features/records/phone-link";
import type { Formatters } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { LeadStatusBadge, LifecycleBadge, ScoreBadge } from "../lead-badges";
import { formatLeadMoney } from "../lead-money";
import type { LeadColumn } from "./lead-columns";
import type { LeadListRow } from "./lead-list-fields";

interface LeadCellProps {
  column: LeadColumn;
  lead: LeadListRow;
  ownerName: string | null;
  format: Formatters;
}

const Dimmed = ({ children }: { children: string }) => (
  <Text size="sm" c="dimmed">
    {children}
  </Text>
);

/** The content of one cell of the leads table. */
export function LeadCell({ column, lead, ownerName, format }: LeadCellProps) {
  const { t } = useTranslation();
  const none = t("common.notSet");
  switch (column) {
    case "company":
      return lead.companyName ? (
        <Text size="sm" truncate miw={96} maw={140} title={lead.companyName}>
          {lead.companyName}
        </Text>
      ) : (
        <Dimmed>{none}</Dimmed>
      );
    case "contact":
      return lead.email || lead.phone || lead.mobile ? (
        <Stack gap={0} miw={140} maw={200}>
          {lead.email && (
            <Text size="sm" truncate>
              {lead.email}
            </Text>
          )}
          {(lead.phone || lead.mobile) && (
            <Text size="xs" c="dimmed" truncate>
              <PhoneText value={lead.phone || lead.mobile || ""} />
            </Text>
          )}
        </Stack>
      ) : (
        <Dimmed>{none}</Dimmed>
      );
    case "status":
      return <LeadStatusBadge status={lead.status} fit />;
    case "lifecycle":
      return <LifecycleBadge stage={lead.lifecycleStage} fit />;
    case "source":
      return (
        <Text size="sm" style={{ whiteSpace: "nowrap" }}>
          {t(`leads.source.${lead.source}`)}
        </Text>
      );
    case "owner":
      return ownerName ? (
        <Text size="sm" truncate miw={90} maw={130} title={ownerName}>
          {ownerName}
        </Text>
      ) : (
        <Text size="sm" c="dimmed" style={{ whiteSpace: "nowrap" }}>
          {t("leads.list.unassigned")}
        </Text>
      );
    case "score":
      return <ScoreBadge score={lead.score} />;
    case "bant":
      return <BantIndicator bant={lead.bant} />;
    case "estimatedValue": {
      const money = formatLeadMoney(format, lead.estimatedValue);
      return money ? (
        <Text size="sm" ta="right" style={{ whiteSpace: "nowrap", fontVariantNumeric: "tabular-nums" }}>
          {money}
        </Text>
      ) : (
        <Text size="sm" c="dimmed" ta="right">
          {none}
        </Text>
      );
    }
    case "tags":
      return lead.tags.length > 0 ? <TagChips tags={lead.tags} /> : <Dimmed>{none}</Dimmed>;
    case "createdAt":
      return (
        <Text size="sm" style={{ whiteSpace: "nowrap" }}>
          {format.date(lead.createdAt)}
        </Text>
      );
    case "lastActivity":
      return lead.lastActivityAt ? <RelativeDay at={lead.lastActivityAt} /> : <Dimmed>{none}</Dimmed>;
    case "updatedAt":
      return (
        <Text size="sm" style={{ whiteSpace: "nowrap" }}>
          {format.date(lead.updatedAt)}
        </Text>
      );
    default: {
      const unreachable: never = column;
      return unreachable;
    }
  }
}
