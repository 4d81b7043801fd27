import { Anchor, Badge, Box, Button, Group, SegmentedControl, Table, Text } from "@mantine/core";
import type { IntakeEntry } from "@shared/schemas/intake";
import { useInfiniteQuery } from "@tanstack/react-query";
import { apiRequest } from "@web/api/api-client";
import { refetchAskedBefore } from "@web/api/query-client";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { useFormat } from "@web/i18n/use-format";
import { useLiveEvents } from "@web/lib/live-events";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { RoutingSettings } from "./routing-settings";

type Decision = IntakeEntry["decision"];
const DECISION_COLORS: Record<Decision, string> = {
  created: "green",
  linked: "blue",
  added: "grape",
  rejected: "red",
};
const FILTERS = ["all", "created", "linked", "added", "rejected"] as const;

interface IntakePage {
  data: IntakeEntry[];
  nextCursor: string | null;
}

/** Recent intake decisions of every channel, newest first, with links to the lead and contact. */
export function IntakePage() {
  const { t } = useTranslation();
  const format = useFormat();
  const me = useCurrentUser();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>("all");
  const query = useInfiniteQuery({
    queryKey: ["intake", filter],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<IntakePage>("/intake", {
        query: { limit: 50, cursor: pageParam, ...(filter === "all" ? {} : { decision: filter }) },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  useLiveEvents(
    ["lead.changed"],
    () => void query.refetch(),
    (openedAt) => refetchAskedBefore({ queryKey: ["intake"] }, openedAt),
  );
  const rows = query.data?.pages.flatMap((p) => p.data) ?? [];

  return (
    <>
      <PageHeader order={2} title={t("settings.intake")} description={t("intake.description")} />
      {me.abilities["settings.manage"] && (
        <Box mb="lg">
          <RoutingSettings />
        </Box>
      )}
      <SegmentedControl
        mb="md"
        value={filter}
        onChange={(value) => setFilter(FILTERS.find((f) => f === value) ?? "all")}
        data={FILTERS.map((f) => ({ value: f, label: t(`intake.filter.${f}`) }))}
        aria-label={t("intake.filterLabel")}
      />
      <QueryStates query={query} isEmpty={rows.length === 0} emptyText={t("intake.empty")} />
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("intake.receivedAt")}</Table.Th>
                <Table.Th>{t("intake.channel")}</Table.Th>
                <Table.Th>{t("intake.decision")}</Table.Th>
                <Table.Th>{t("intake.lead")}</Table.Th>
                <Table.Th>{t("intake.source")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id} data-testid="intake-row">
                  <Table.Td>
                    <Text size="sm">{format.dateTime(row.receivedAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`intake.channels.${row.channel}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6}>
                      <Badge variant="light" color={DECISION_COLORS[row.decision]}>
                        {t(`intake.decisions.${row.decision}`)}
                      </Badge>
                      {row.reason && (
                        <Text size="sm" c="dimmed">
                          {t(`intake.reasons.${row.reason}`)}
                          {row.reasonFields?.length ? `: ${row.reasonFields.join(", ")}` : ""}
                        </Text>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      {row.leadId && (
                        <Anchor component={Link} to={`/leads/${row.leadId}`} size="sm">
                          {row.leadName ?? t("leads.unnamed")}
                        </Anchor>
                      )}
                      {row.contactId && (
                        <Anchor component={Link} to={`/contacts/${row.contactId}`} size="sm" c="dimmed">
                          {t("intake.contact")}
                        </Anchor>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.sourceDetail ?? "–"}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {query.hasNextPage && (
        <Button
          variant="default"
          mt="md"
          loading={query.isFetchingNextPage}
          onClick={() => void query.fetchNextPage()}
        >
          {t("intake.more")}
        </Button>
      )}
    </>
  );
}
