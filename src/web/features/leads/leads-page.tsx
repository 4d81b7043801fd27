import { Button, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconFileUpload, IconPlus } from "@tabler/icons-react";
import { ListFooter } from "@web/components/list-footer";
import { notifyError, notifySuccess } from "@web/components/notify";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { ExportMenu } from "@web/features/exports/export-menu";
import { useListCount } from "@web/features/records/use-list-count";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LeadCreateModal } from "./create/lead-create-modal";
import { leadDisplayName } from "./lead-model";
import type { BulkResult } from "./leads-api";
import { BulkResultAlert } from "./list/bulk-result-alert";
import { LeadBulkBar } from "./list/lead-bulk-bar";
import { LeadFilterDrawer } from "./list/lead-filter-drawer";
import { LeadFilterPills } from "./list/lead-filter-pills";
import { activeFilterCount, apiQuery, EMPTY_FILTERS } from "./list/lead-list-params";
import { LeadListToolbar } from "./list/lead-list-toolbar";
import { LeadsEmptyState } from "./list/leads-empty-state";
import { LeadsTable } from "./list/leads-table";
import { useLeadListState } from "./list/use-lead-list-state";
import { useLeadList, useRestoreLead } from "./use-leads";
import { useOwnerOptions } from "./use-owner-options";

export function LeadsPage() {
  const { t } = useTranslation();
  const state = useLeadListState();
  const { filters, sort } = state;
  const query = useMemo(() => apiQuery(filters, sort), [filters, sort]);
  const { custom } = state;
  const list = useLeadList(query, custom.shown.length > 0);
  const total = useListCount("leads", query);
  const owners = useOwnerOptions();
  // New and Import need the permission matrix's Create right (Settings → Permissions).
  const mayCreate = useCurrentUser().permissions.lead.create;
  const [filtersOpened, filterDrawer] = useDisclosure(false);
  const [createOpened, createModal] = useDisclosure(false);
  const restoreLead = useRestoreLead();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkResult, setBulkResult] = useState<{ result: BulkResult; names: Map<string, string> } | null>(
    null,
  );

  // Another filter shows other rows: a selection the user can no longer see must not be acted on.
  const queryKey = JSON.stringify(query);
  const [selectionFor, setSelectionFor] = useState(queryKey);
  if (selectionFor !== queryKey) {
    setSelectionFor(queryKey);
    setSelected(new Set());
  }

  const leads = useMemo(() => list.data?.pages.flatMap((page) => page.data) ?? [], [list.data]);
  const knownTags = useMemo(() => [...new Set(leads.flatMap((lead) => lead.tags))].sort(), [leads]);
  const names = useMemo(
    () => new Map(leads.map((lead) => [lead.id, leadDisplayName(lead) || t("leads.unnamed")])),
    [leads, t],
  );
  const ownerLabel = (ownerId: string | null) =>
    ownerId === null ? null : (owners.names.get(ownerId) ?? t("leads.list.otherOwner"));
  const filtered = activeFilterCount(filters) > 0 || filters.q !== "";

  const restore = async (id: string) => {
    try {
      const lead = await restoreLead.mutateAsync(id);
      notifySuccess(t("leads.list.restored", { name: leadDisplayName(lead) || t("leads.unnamed") }));
    } catch (error) {
      notifyError(error);
    }
  };

  const handleBulkResult = (result: BulkResult) => {
    if (result.updated.length > 0) notifySuccess(t("leads.bulk.done", { count: result.updated.length }));
    setBulkResult(result.skipped.length > 0 ? { result, names } : null);
    setSelected(new Set());
  };

  return (
    <>
      <PageHeader
        title={t("leads.title")}
        actions={
          <>
            {mayCreate && (
              <Button
                component={Link}
                to="/import"
                variant="default"
                leftSection={<IconFileUpload size={16} aria-hidden />}
              >
                {t("imports.open")}
              </Button>
            )}
            <ExportMenu list="leads" query={{ ...query }} columns={state.allShown} selected={[...selected]} />
            {mayCreate && (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={createModal.open}>
                {t("leads.new")}
              </Button>
            )}
          </>
        }
      />
      <Stack gap="sm">
        <LeadListToolbar
          filters={filters}
          sort={sort}
          columns={state.columns}
          custom={custom}
          onFiltersChange={state.setFilters}
          onColumnsChange={state.setColumns}
          onApplyView={state.applyView}
          onOpenFilters={filterDrawer.open}
        />
        <LeadFilterPills
          filters={filters}
          onChange={state.setFilters}
          ownerName={(id) => ownerLabel(id) ?? t("leads.list.unassigned")}
        />
        {bulkResult && (
          <BulkResultAlert
            result={bulkResult.result}
            names={bulkResult.names}
            onClose={() => setBulkResult(null)}
          />
        )}
        {selected.size > 0 && !filters.deleted && (
          <LeadBulkBar
            ids={[...selected]}
            owners={owners.owners}
            knownTags={knownTags}
            onClear={() => setSelected(new Set())}
            onResult={handleBulkResult}
            names={names}
          />
        )}
        <QueryStates
          query={list}
          isEmpty={leads.length === 0}
          empty={
            <LeadsEmptyState
              filtered={filtered}
              onCreate={mayCreate ? createModal.open : undefined}
              onReset={() => state.replaceFilters(EMPTY_FILTERS)}
            />
          }
        />
        {leads.length > 0 && (
          <>
            <LeadsTable
              leads={leads}
              columns={state.columns}
              customColumns={custom.shown}
              sort={sort}
              onSort={state.setSort}
              selected={selected}
              onSelectedChange={setSelected}
              ownerLabel={ownerLabel}
              restore={
                filters.deleted
                  ? {
                      onRestore: (id) => void restore(id),
                      pendingId: restoreLead.isPending ? (restoreLead.variables ?? null) : null,
                    }
                  : undefined
              }
            />
            <ListFooter
              shown={t("leads.list.shown", { count: leads.length })}
              rows={leads.length}
              total={total.data}
              hasMore={list.hasNextPage}
              loading={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
            />
          </>
        )}
      </Stack>
      <LeadFilterDrawer
        opened={filtersOpened}
        onClose={filterDrawer.close}
        filters={filters}
        onChange={state.setFilters}
        owners={owners.owners}
        knownTags={knownTags}
        customFields={custom.fields}
      />
      <LeadCreateModal opened={createOpened} onClose={createModal.close} />
    </>
  );
}
