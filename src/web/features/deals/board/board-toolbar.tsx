import { Button, Chip, Group, MultiSelect, Select } from "@mantine/core";
import { DatePickerInput } from "@mantine/dates";
import type { Pipeline } from "@shared/schemas/deal";
import { IconFilterOff } from "@tabler/icons-react";
import { SearchBox } from "@web/components/search-box";
import type { OwnerOption } from "@web/features/leads/use-owner-options";
import { useTeams } from "@web/features/teams/use-teams";
import { useTranslation } from "react-i18next";
import { activeBoardFilterCount, type BoardFilters, EMPTY_BOARD_FILTERS } from "./board-params";

interface BoardToolbarProps {
  pipelines: readonly Pipeline[];
  pipelineId: string | null;
  onPipelineChange: (id: string) => void;
  filters: BoardFilters;
  onFiltersChange: (patch: Partial<BoardFilters>) => void;
  owners: readonly OwnerOption[];
}

/** Pipeline choice, search and the filters of the board; every value is kept in the URL. */
export function BoardToolbar(props: BoardToolbarProps) {
  const { pipelines, pipelineId, onPipelineChange, filters, onFiltersChange, owners } = props;
  const { t } = useTranslation();
  const { data: teams } = useTeams();
  const filtered = activeBoardFilterCount(filters) > 0 || filters.q !== "";

  return (
    <Group gap="sm" align="flex-end" wrap="wrap">
      <Select
        label={t("dealBoard.filter.pipeline")}
        data={pipelines.map((p) => ({ value: p.id, label: p.name }))}
        value={pipelineId}
        onChange={(id) => id && onPipelineChange(id)}
        allowDeselect={false}
        w={180}
      />
      <SearchBox
        label={t("dealBoard.filter.search")}
        placeholder={t("dealBoard.filter.searchPlaceholder")}
        value={filters.q}
        onSearch={(q) => onFiltersChange({ q })}
      />
      <MultiSelect
        label={t("dealBoard.filter.owner")}
        data={owners.map((o) => ({ value: o.id, label: o.name }))}
        value={filters.ownerId}
        onChange={(ownerId) => onFiltersChange({ ownerId })}
        placeholder={filters.ownerId.length ? undefined : t("dealBoard.filter.any")}
        clearable
        searchable
        w={180}
      />
      {teams && teams.length > 0 && (
        <MultiSelect
          label={t("dealBoard.filter.team")}
          data={teams.map((team) => ({ value: team.id, label: team.name }))}
          value={filters.teamId}
          onChange={(teamId) => onFiltersChange({ teamId })}
          placeholder={filters.teamId.length ? undefined : t("dealBoard.filter.any")}
          clearable
          w={160}
        />
      )}
      <DatePickerInput
        type="range"
        label={t("dealBoard.filter.close")}
        placeholder={t("dealBoard.filter.closePlaceholder")}
        value={[filters.closeFrom, filters.closeTo]}
        onChange={([closeFrom, closeTo]) => onFiltersChange({ closeFrom, closeTo })}
        clearable
        allowSingleDateInRange
        valueFormat="ll"
        w={200}
      />
      <Chip checked={filters.mine} onChange={(mine) => onFiltersChange({ mine })} mb={6}>
        {t("dealBoard.filter.mine")}
      </Chip>
      {filtered && (
        <Button
          variant="subtle"
          leftSection={<IconFilterOff size={16} aria-hidden />}
          onClick={() => onFiltersChange(EMPTY_BOARD_FILTERS)}
          mb={2}
        >
          {t("dealBoard.filter.reset")}
        </Button>
      )}
    </Group>
  );
}
