import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Tooltip } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import { AUDIT_ENTITIES, AUDIT_LINKED_ENTITIES, type AuditEntry } from "@shared/schemas/audit";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { apiRequest, apiUrl } from "@web/api/api-client";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { ExportDownloadMenu } from "@web/features/exports/export-menu";
import { useOwnerOptions } from "@web/features/leads/use-owner-options";
import { dayBoundary } from "@web/features/records/filters/record-filters";
import { isLocale } from "@web/i18n/i18n";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

/** The verbs the action filter offers (the API takes any; these are the ones the app writes). */
const VERBS = [
  "created",
  "updated",
  "deleted",
  "restored",
  "merged",
  "converted",
  "status_changed",
  "stage_changed",
  "sent",
  "accepted",
  "revoked",
] as const;
const LINKED: readonly string[] = AUDIT_LINKED_ENTITIES;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The i18n section that names an entity's fields, where the app has one. */
const FIELD_LABELS: Record<string, string> = { lead: "leads", contact: "contacts", company: "companies" };
/** A lead's coded fields, shown by their UI labels. */
const LEAD_VALUE_LABELS: Record<string, string> = {
  status: "leads.status",
  lifecycleStage: "leads.lifecycle",
  source: "leads.source",
};

interface Filters {
  actorId: string | null;
  entity: string | null;
  verb: string | null;
  recordId: string;
  from: string | null;
  to: string | null;
}
const NO_FILTERS: Filters = { actorId: null, entity: null, verb: null, recordId: "", from: null, to: null };

/** The filters as the API's query (days become instants in the user's time zone). */
function auditQuery(f: Filters): Record<string, string> {
  const query: Record<string, string> = {};
  if (f.actorId) query.actorId = f.actorId;
  if (f.entity) query.entity = f.entity;
  // The verb alone: an action's prefix is not always its record type (`form.created` is a web_form's).
  if (f.verb) query.action = f.verb;
  if (UUID.test(f.recordId.trim())) query.recordId = f.recordId.trim();
  if (f.from) query.from = dayBoundary(f.from, false);
  if (f.to) query.to = dayBoundary(f.to, true);
  return query;
}

interface AuditPage {
  data: AuditEntry[];
  nextCursor: string | null;
}

/** Settings → Audit trail (admins): every change, filtered, newest first, exportable. */
export function AuditPage() {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const { owners, names } = useOwnerOptions();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const patch = (p: Partial<Filters>) => setFilters((f) => ({ ...f, ...p }));
  const query = auditQuery(filters);
  const list = useInfiniteQuery({
    queryKey: ["audit", query],
    queryFn: ({ pageParam, signal }) =>
      apiRequest<AuditPage>("/audit", { query: { ...query, limit: 50, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const language = i18n.resolvedLanguage ?? i18n.language;
  const href = (type: "csv" | "xlsx") =>
    apiUrl(`/audit/export.${type}`, { ...query, locale: isLocale(language) ? language : "en" });
  const entityLabel = (entity: string) => t(`audit.entities.${entity}`, { defaultValue: entity });
  const actionLabel = (action: string) => {
    const verb = action.slice(action.indexOf(".") + 1);
    return t(`audit.verbs.${verb}`, { defaultValue: verb.replaceAll("_", " ") });
  };

  return (
    <>
      <PageHeader
        order={2}
        title={t("settings.audit")}
        description={t("audit.description")}
        actions={<ExportDownloadMenu href={href} />}
      />
      <Group mb="md" align="flex-end" gap="sm" wrap="wrap">
        <Select
          label={t("audit.fields.actor")}
          placeholder={t("audit.allUsers")}
          data={owners.map((o) => ({ value: o.id, label: o.name }))}
          value={filters.actorId}
          onChange={(actorId) => patch({ actorId })}
          clearable
          searchable
          w={200}
        />
        <Select
          label={t("audit.fields.entity")}
          placeholder={t("audit.allEntities")}
          data={AUDIT_ENTITIES.map((e) => ({ value: e, label: entityLabel(e) }))}
          value={filters.entity}
          onChange={(entity) => patch({ entity })}
          clearable
          w={180}
        />
        <Select
          label={t("audit.fields.action")}
          placeholder={t("audit.allActions")}
          data={VERBS.map((v) => ({ value: v, label: t(`audit.verbs.${v}`) }))}
          value={filters.verb}
          onChange={(verb) => patch({ verb })}
          clearable
          w={200}
        />
        <TextInput
          label={t("audit.fields.recordId")}
          placeholder={t("audit.recordIdPlaceholder")}
          value={filters.recordId}
          onChange={(e) => patch({ recordId: e.currentTarget.value })}
          error={
            filters.recordId.trim() && !UUID.test(filters.recordId.trim()) ? t("serverErrors.invalid") : null
          }
          w={300}
        />
        <DatePickerInput
          type="range"
          label={t("audit.period")}
          placeholder={t("audit.periodPlaceholder")}
          value={[filters.from, filters.to]}
          onChange={([from, to]) => patch({ from, to })}
          clearable
          allowSingleDateInRange
          valueFormat="ll"
          miw={220}
        />
      </Group>
      <QueryStates query={list} isEmpty={rows.length === 0} emptyText={t("audit.empty")} />
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("audit.fields.at")}</Table.Th>
                <Table.Th>{t("audit.fields.actor")}</Table.Th>
                <Table.Th>{t("audit.fields.action")}</Table.Th>
                <Table.Th>{t("audit.fields.record")}</Table.Th>
                <Table.Th>{t("audit.fields.changes")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr key={row.id} data-testid="audit-row">
                  <Table.Td style={{ whiteSpace: "nowrap", verticalAlign: "top" }}>
                    <Tooltip label={`${t("audit.requestTitle")}: ${row.requestId ?? "–"}`} withinPortal>
                      <Text size="sm">{format.dateTime(row.at)}</Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td style={{ verticalAlign: "top" }}>
                    <Text size="sm">{row.actorName ?? t("audit.system")}</Text>
                  </Table.Td>
                  <Table.Td style={{ verticalAlign: "top" }}>
                    <Badge variant="light" color={badgeColor(row.action)} style={{ textTransform: "none" }}>
                      {actionLabel(row.action)}
                    </Badge>
                  </Table.Td>
                  <Table.Td style={{ verticalAlign: "top" }}>
                    <Text size="sm">{entityLabel(row.entity)}</Text>
                    {row.recordId && LINKED.includes(row.entity) ? (
                      <Anchor component={Link} to={`/${pathOf(row.entity)}/${row.recordId}`} size="xs">
                        {t("audit.recordLink")} · {row.recordId.slice(0, 8)}
                      </Anchor>
                    ) : (
                      row.recordId && (
                        <Text size="xs" c="dimmed" ff="monospace">
                          {row.recordId.slice(0, 8)}
                        </Text>
                      )
                    )}
                  </Table.Td>
                  <Table.Td style={{ verticalAlign: "top" }}>
                    <ChangeList entity={row.entity} changes={row.changes} names={names} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasNextPage && (
        <Button
          variant="default"
          mt="md"
          loading={list.isFetchingNextPage}
          onClick={() => void list.fetchNextPage()}
        >
          {t("audit.more")}
        </Button>
      )}
    </>
  );
}

const pathOf = (entity: string) => (entity === "company" ? "companies" : `${entity}s`);

function badgeColor(action: string): string {
  if (action.endsWith(".created")) return "green";
  if (action.endsWith(".deleted")) return "red";
  if (action.endsWith(".updated")) return "blue";
  return "gray";
}

const isChange = (v: unknown): v is { from?: unknown; to?: unknown } =>
  v !== null && typeof v === "object" && !Array.isArray(v) && ("from" in v || "to" in v);

/** Field by field: before (struck through) → after; other details as short JSON. */
function ChangeList({
  entity,
  changes,
  names,
}: {
  entity: string;
  changes: unknown;
  names: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  if (
    changes === null ||
    typeof changes !== "object" ||
    Array.isArray(changes) ||
    !Object.keys(changes).length
  ) {
    return (
      <Text size="sm" c="dimmed">
        {t("audit.noChanges")}
      </Text>
    );
  }
  const section = FIELD_LABELS[entity];
  // `ownerId` is the field the form calls "owner".
  const label = (key: string) =>
    section
      ? t(`${section}.fields.${key}`, {
          defaultValue: t(`${section}.fields.${key.replace(/Id$/, "")}`, { defaultValue: key }),
        })
      : key;
  /** A user by name, a lead's code by its label; anything else as stored. */
  const value = (key: string, v: unknown) => {
    if (typeof v !== "string") return show(v);
    if (key === "ownerId" || key === "actorId") return names.get(v) ?? show(v);
    const labels = entity === "lead" ? LEAD_VALUE_LABELS[key] : undefined;
    return labels ? t(`${labels}.${v}`, { defaultValue: v }) : show(v);
  };
  return (
    <Stack gap={2}>
      {Object.entries(changes).map(([key, change]) => (
        <Text size="sm" key={key} style={{ overflowWrap: "anywhere" }}>
          <Text span fw={600} size="sm">
            {label(key)}:
          </Text>{" "}
          {isChange(change) ? (
            <>
              <Text span c="red.8" td="line-through" size="sm">
                {value(key, change.from)}
              </Text>{" "}
              →{" "}
              <Text span c="green.8" size="sm">
                {value(key, change.to)}
              </Text>
            </>
          ) : (
            value(key, change)
          )}
        </Text>
      ))}
    </Stack>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === "") return "–";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}
