import { ActionIcon, Button, Group, Select, Stack, Switch, Table, Text, TextInput } from "@mantine/core";
import type { FormErrors } from "@mantine/form";
import type { IntakeSettings } from "@shared/schemas/intake";
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from "@tabler/icons-react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { apiRequest } from "@web/api/api-client";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { NumberField, useNumberReader } from "@web/components/number-field";
import { QueryStates } from "@web/components/query-states";
import { SectionCard } from "@web/components/section-card";
import { useTeams } from "@web/features/teams/use-teams";
import { type ReactNode, useRef, useState } from "react";
import { useTranslation } from "react-i18next";

const KEY = ["settings", "intake"] as const;
const WINDOW_RULES = { maximumFractionDigits: 0, min: 0, max: 365 } as const;

interface RuleRow {
  key: number;
  teamId: string | null;
  country: string;
  postalFrom: string;
  postalTo: string;
  enabled: boolean;
}

let nextKey = 0;
const rowOf = (rule?: IntakeSettings["routingRules"][number]): RuleRow => ({
  key: nextKey++,
  teamId: rule?.teamId ?? null,
  country: rule?.country ?? "",
  postalFrom: rule?.postalFrom ?? "",
  postalTo: rule?.postalTo ?? "",
  enabled: rule?.enabled ?? true,
});

/** The intake's routing rules (country / postal-code range → team, in order, on/off) and repeat window. */
export function RoutingSettings() {
  const { t } = useTranslation();
  const settings = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => apiRequest<IntakeSettings>("/settings/intake", { signal }),
  });
  return (
    <SectionCard title={t("intake.routing.title")}>
      <QueryStates query={settings} />
      {settings.data && <RoutingForm settings={settings.data} />}
    </SectionCard>
  );
}

function RoutingForm({ settings }: { settings: IntakeSettings }) {
  const { t } = useTranslation();
  const numbers = useNumberReader();
  const queryClient = useQueryClient();
  const teams = useTeams();
  const [days, setDays] = useState(numbers.format(settings.duplicateWindowDays, WINDOW_RULES));
  const [rows, setRows] = useState<RuleRow[]>(() => settings.routingRules.map(rowOf));
  const [errors, setErrors] = useState<FormErrors>({});
  /** What was sent last, so the server's error paths (routingRules.0.postalFrom) find their inputs. */
  const sent = useRef<object>({});
  const save = useMutation({
    mutationFn: (body: IntakeSettings) =>
      apiRequest<IntakeSettings>("/settings/intake", { method: "PUT", body }),
    onSuccess: (saved) => {
      queryClient.setQueryData(KEY, saved);
      setErrors({});
      notifySuccess(t("intake.routing.saved"));
    },
    onError: (error) => {
      setErrors({});
      showFormError({ getValues: () => sent.current, setErrors }, error);
    },
  });
  const update = (key: number, change: Partial<RuleRow>) =>
    setRows((all) => all.map((row) => (row.key === key ? { ...row, ...change } : row)));
  const move = (index: number, by: number) =>
    setRows((all) => {
      const next = [...all];
      const [row] = next.splice(index, 1);
      if (row) next.splice(index + by, 0, row);
      return next;
    });
  const submit = () => {
    const reading = numbers.read(days, WINDOW_RULES);
    if (reading.kind !== "number") {
      setErrors({ duplicateWindowDays: numbers.error(days, WINDOW_RULES) ?? t("validation.required") });
      return;
    }
    const body: IntakeSettings = {
      ...settings,
      duplicateWindowDays: reading.value,
      routingRules: rows.map((row) => ({
        teamId: row.teamId ?? "",
        country: row.country.trim().toUpperCase() || null,
        postalFrom: row.postalFrom.trim() || null,
        postalTo: row.postalTo.trim() || null,
        enabled: row.enabled,
      })),
    };
    sent.current = body;
    save.mutate(body);
  };
  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));
  const at = (index: number, field: string): ReactNode =>
    errors[`routingRules.${index}.${field}`] ?? errors[`routingRules.${index}`];

  return (
    <Stack gap="md">
      <NumberField
        label={t("intake.routing.window")}
        description={t("intake.routing.windowHint")}
        rules={WINDOW_RULES}
        value={days}
        onChange={setDays}
        error={errors.duplicateWindowDays}
        maw={320}
      />
      <Text size="sm" c="dimmed">
        {t("intake.routing.hint")}
      </Text>
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={760}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("intake.routing.order")}</Table.Th>
                <Table.Th>{t("intake.routing.country")}</Table.Th>
                <Table.Th>{t("intake.routing.postalFrom")}</Table.Th>
                <Table.Th>{t("intake.routing.postalTo")}</Table.Th>
                <Table.Th>{t("intake.routing.team")}</Table.Th>
                <Table.Th>{t("intake.routing.enabled")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row, index) => {
                const n = index + 1;
                return (
                  <Table.Tr key={row.key} data-testid="routing-rule">
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <Text size="sm" w={18}>
                          {n}.
                        </Text>
                        <ActionIcon
                          variant="subtle"
                          disabled={index === 0}
                          onClick={() => move(index, -1)}
                          aria-label={t("intake.routing.up", { n })}
                        >
                          <IconArrowUp size={16} aria-hidden />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          disabled={index === rows.length - 1}
                          onClick={() => move(index, 1)}
                          aria-label={t("intake.routing.down", { n })}
                        >
                          <IconArrowDown size={16} aria-hidden />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t("intake.routing.countryOf", { n })}
                        placeholder="DE"
                        maxLength={2}
                        w={70}
                        value={row.country}
                        onChange={(e) => update(row.key, { country: e.currentTarget.value })}
                        error={at(index, "country")}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t("intake.routing.postalFromOf", { n })}
                        maxLength={10}
                        w={100}
                        value={row.postalFrom}
                        onChange={(e) => update(row.key, { postalFrom: e.currentTarget.value })}
                        error={at(index, "postalFrom")}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t("intake.routing.postalToOf", { n })}
                        maxLength={10}
                        w={100}
                        value={row.postalTo}
                        onChange={(e) => update(row.key, { postalTo: e.currentTarget.value })}
                        error={at(index, "postalTo")}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t("intake.routing.teamOf", { n })}
                        data={teamOptions}
                        value={row.teamId}
                        onChange={(teamId) => update(row.key, { teamId })}
                        allowDeselect={false}
                        searchable
                        miw={180}
                        error={at(index, "teamId")}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={t("intake.routing.enabledOf", { n })}
                        checked={row.enabled}
                        onChange={(e) => update(row.key, { enabled: e.currentTarget.checked })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                        aria-label={t("intake.routing.remove", { n })}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group justify="space-between">
        <Button
          variant="default"
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setRows((all) => [...all, rowOf()])}
        >
          {t("intake.routing.add")}
        </Button>
        <Button onClick={submit} loading={save.isPending}>
          {t("intake.routing.save")}
        </Button>
      </Group>
    </Stack>
  );
}
