import { RETENTION_CATEGORIES, type RetentionCategory } from "@domain/gdpr/gdpr-types";
import {
  Badge,
  Button,
  Checkbox,
  Group,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { notifyError, notifySuccess } from "@web/components/notify";
import { NumberField, useNumberReader } from "@web/components/number-field";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useFormat } from "@web/i18n/use-format";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { gdprApi, type Proposal, type RetentionRule } from "./gdpr-api";

const DAY_RULES = { maximumFractionDigits: 0, min: 1, max: 36_500 } as const;
const recordPath = (type: "lead" | "contact", id: string) =>
  `/${type === "lead" ? "leads" : "contacts"}/${id}`;

/** Settings → Data protection: retention rules, the proposals they made, and the processing log. */
export function DataProtectionPage() {
  const { t } = useTranslation();
  return (
    <Stack gap="xl">
      <PageHeader
        order={2}
        title={t("settings.dataProtection")}
        description={t("gdpr.settings.description")}
      />
      <RetentionRules />
      <Proposals />
      <ProcessingLog />
    </Stack>
  );
}

function RetentionRules() {
  const { t } = useTranslation();
  const numbers = useNumberReader();
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: ["gdpr", "rules"], queryFn: ({ signal }) => gdprApi.rules(signal) });
  const [draft, setDraft] = useState<Record<string, { days: string; active: boolean }>>({});
  useEffect(() => {
    if (rules.data)
      setDraft(
        Object.fromEntries(
          rules.data.data.map((r: RetentionRule) => [
            r.category,
            { days: String(r.afterDays), active: r.active },
          ]),
        ),
      );
  }, [rules.data]);
  const save = useMutation({
    mutationFn: () =>
      gdprApi.saveRules({
        rules: RETENTION_CATEGORIES.map((category) => {
          const reading = numbers.read(draft[category]?.days ?? "", DAY_RULES);
          return {
            category,
            afterDays: reading.kind === "number" ? reading.value : 0,
            active: draft[category]?.active ?? false,
          };
        }),
      }),
    onSuccess: async () => {
      notifySuccess(t("gdpr.settings.saved"));
      await queryClient.invalidateQueries({ queryKey: ["gdpr"] });
    },
    onError: (error) => notifyError(error),
  });
  const set = (category: RetentionCategory, change: Partial<{ days: string; active: boolean }>) =>
    setDraft((d) => ({
      ...d,
      [category]: { days: d[category]?.days ?? "", active: d[category]?.active ?? false, ...change },
    }));

  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t("gdpr.settings.rules")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("gdpr.settings.rulesHint")}
      </Text>
      <QueryStates query={rules} compact />
      {rules.data && (
        <Table verticalSpacing="xs" maw={720}>
          <Table.Tbody>
            {RETENTION_CATEGORIES.map((category) => (
              <Table.Tr key={category}>
                <Table.Td>
                  <Switch
                    label={t(`gdpr.category.${category}`)}
                    checked={draft[category]?.active ?? false}
                    onChange={(event) => set(category, { active: event.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td w={200}>
                  <NumberField
                    aria-label={t("gdpr.settings.afterDays", { category: t(`gdpr.category.${category}`) })}
                    rules={DAY_RULES}
                    value={draft[category]?.days ?? ""}
                    onChange={(days) => set(category, { days })}
                    rightSection={<Text size="xs">{t("gdpr.settings.days")}</Text>}
                    rightSectionWidth={48}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group>
        <Button onClick={() => save.mutate()} loading={save.isPending}>
          {t("common.save")}
        </Button>
      </Group>
    </Stack>
  );
}

const STATES = ["proposed", "approved", "excluded", "purged"] as const;

function Proposals() {
  const { t } = useTranslation();
  const format = useFormat();
  const queryClient = useQueryClient();
  const [state, setState] = useState<Proposal["state"]>("proposed");
  const [selected, setSelected] = useState<string[]>([]);
  const proposals = useInfiniteQuery({
    queryKey: ["gdpr", "proposals", state],
    queryFn: ({ pageParam, signal }) => gdprApi.proposals(state, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = proposals.data?.pages.flatMap((p) => p.data) ?? [];
  const decide = useMutation({
    mutationFn: (decision: "approve" | "exclude") => gdprApi.decide({ ids: selected, decision }),
    onSuccess: async (result) => {
      notifySuccess(t("gdpr.proposals.decided", { count: result.decided }));
      setSelected([]);
      await queryClient.invalidateQueries({ queryKey: ["gdpr"] });
    },
    onError: (error) => notifyError(error),
  });
  const toggle = (id: string, on: boolean) =>
    setSelected((s) => (on ? [...s, id] : s.filter((x) => x !== id)));

  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t("gdpr.proposals.title")}
      </Title>
      <Text size="sm" c="dimmed">
        {t("gdpr.proposals.hint")}
      </Text>
      <SegmentedControl
        w="fit-content"
        value={state}
        onChange={(value) => {
          setState(STATES.find((s) => s === value) ?? "proposed");
          setSelected([]);
        }}
        data={STATES.map((s) => ({ value: s, label: t(`gdpr.proposals.state.${s}`) }))}
        aria-label={t("gdpr.proposals.title")}
      />
      <QueryStates
        query={proposals}
        isEmpty={rows.length === 0}
        emptyText={t("gdpr.proposals.empty")}
        compact
      />
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" data-testid="proposals">
            <Table.Thead>
              <Table.Tr>
                {state === "proposed" && (
                  <Table.Th w={40}>
                    <Checkbox
                      aria-label={t("gdpr.proposals.selectAll")}
                      checked={selected.length === rows.length}
                      indeterminate={selected.length > 0 && selected.length < rows.length}
                      onChange={(e) => setSelected(e.currentTarget.checked ? rows.map((r) => r.id) : [])}
                    />
                  </Table.Th>
                )}
                <Table.Th>{t("gdpr.proposals.record")}</Table.Th>
                <Table.Th>{t("gdpr.proposals.category")}</Table.Th>
                <Table.Th>{t("gdpr.proposals.proposedAt")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id}>
                  {state === "proposed" && (
                    <Table.Td>
                      <Checkbox
                        aria-label={row.label}
                        checked={selected.includes(row.id)}
                        onChange={(e) => toggle(row.id, e.currentTarget.checked)}
                      />
                    </Table.Td>
                  )}
                  <Table.Td>
                    <Text size="sm" component={Link} to={recordPath(row.subjectType, row.subjectId)} c="blue">
                      {row.label}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`gdpr.category.${row.category}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{format.date(row.proposedAt)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {proposals.hasNextPage && (
        <Button variant="default" w="fit-content" onClick={() => void proposals.fetchNextPage()}>
          {t("gdpr.loadMore")}
        </Button>
      )}
      {state === "proposed" && rows.length > 0 && (
        <Group>
          <Button
            color="red"
            disabled={selected.length === 0}
            loading={decide.isPending}
            onClick={() => decide.mutate("approve")}
          >
            {t("gdpr.proposals.approve", { count: selected.length })}
          </Button>
          <Button variant="default" disabled={selected.length === 0} onClick={() => decide.mutate("exclude")}>
            {t("gdpr.proposals.exclude", { count: selected.length })}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

function ProcessingLog() {
  const { t } = useTranslation();
  const format = useFormat();
  const log = useInfiniteQuery({
    queryKey: ["gdpr", "log"],
    queryFn: ({ pageParam, signal }) => gdprApi.log(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const rows = log.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Stack gap="sm">
      <Title order={3} size="h4">
        {t("gdpr.log.title")}
      </Title>
      <QueryStates query={log} isEmpty={rows.length === 0} emptyText={t("gdpr.log.empty")} compact />
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={720}>
          <Table verticalSpacing="xs" data-testid="processing-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("gdpr.log.at")}</Table.Th>
                <Table.Th>{t("gdpr.log.action")}</Table.Th>
                <Table.Th>{t("gdpr.log.record")}</Table.Th>
                <Table.Th>{t("gdpr.log.actor")}</Table.Th>
                <Table.Th>{t("gdpr.log.reason")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id}>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                      {format.dateTime(row.at)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={row.action === "erased" || row.action === "retention_purged" ? "red" : "blue"}
                    >
                      {t(`gdpr.log.actions.${row.action}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    {row.subjectType && row.subjectId ? (
                      <Text
                        size="sm"
                        component={Link}
                        to={recordPath(row.subjectType, row.subjectId)}
                        c="blue"
                      >
                        {t(`gdpr.subject.${row.subjectType}`)}
                      </Text>
                    ) : (
                      <Text size="sm" c="dimmed">
                        {row.detail && typeof row.detail.category === "string"
                          ? t(`gdpr.category.${row.detail.category as RetentionCategory}`)
                          : "–"}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{row.actor?.name ?? t("gdpr.log.system")}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {row.reason?.startsWith("retention:") ? t("gdpr.log.byRule") : (row.reason ?? "")}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {log.hasNextPage && (
        <Button variant="default" w="fit-content" onClick={() => void log.fetchNextPage()}>
          {t("gdpr.loadMore")}
        </Button>
      )}
    </Stack>
  );
}
