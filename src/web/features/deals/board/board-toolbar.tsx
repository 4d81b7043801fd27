import { ActionIcon, Chip, Group, MultiSelect, Select, Tooltip } from "@mantine/core";
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

/**
 * Pipeline choice, search and the filters of the board in one compact row (#23 point 2): the
 * fields name themselves by placeholder and accessible name instead of a label line above them.
 * Every filter value is kept in the URL.
 */
export function BoardToolbar(props: BoardToolbarProps) {
  const { pipelines, pipelineId, onPipelineChange, filters, onFiltersChange, owners } = props;
  const { t } = useTranslation();
  const { data: teams } = useTeams();
  const filtered = activeBoardFilterCount(filters) > 0 || filters.q !== "";

  return (
    <Group gap={8} align="center" wrap="wrap">
      <Select
        aria-label={t("dealBoard.filter.pipeline")}
        data={pipelines.map((p) => ({ value: p.id, label: p.name }))}
        value={pipelineId}
        onChange={(id) => id && onPipelineChange(id)}
        allowDeselect={false}
        w={170}
      />
      <SearchBox
        label={t("dealBoard.filter.search")}
        placeholder={t("dealBoard.filter.searchPlaceholder")}
        value={filters.q}
        onSearch={(q) => onFiltersChange({ q })}
        basis={160}
        maxWidth={260}
      />
      <MultiSelect
        aria-label={t("dealBoard.filter.owner")}
        data={owners.map((o) => ({ value: o.id, label: o.name }))}
        value={filters.ownerId}
        onChange={(ownerId) => onFiltersChange({ ownerId })}
        placeholder={filters.ownerId.length ? undefined : t("dealBoard.filter.owner")}
        clearable
        searchable
        w={160}
      />
      {teams && teams.length > 0 && (
        <MultiSelect
          aria-label={t("dealBoard.filter.team")}
          data={teams.map((team) => ({ value: team.id, label: team.name }))}
          value={filters.teamId}
          onChange={(teamId) => onFiltersChange({ teamId })}
          placeholder={filters.teamId.length ? undefined : t("dealBoard.filter.team")}
          clearable
          w={130}
        />
      )}
      <DatePickerInput
        type="range"
        aria-label={t("dealBoard.filter.close")}
        placeholder={t("dealBoard.filter.close")}
        value={[filters.closeFrom, filters.closeTo]}
        onChange={([closeFrom, closeTo]) => onFiltersChange({ closeFrom, closeTo })}
        clearable
        allowSingleDateInRange
        valueFormat="ll"
        w={200}
      />
      <Chip checked={filters.mine} onChange={(mine) => onFiltersChange({ mine })}>
        {t("dealBoard.filter.mine")}
      </Chip>
      {filtered && (
        <Tooltip label={t("dealBoard.filter.reset")} withArrow>
          <ActionIcon
            variant="subtle"
            size="input-sm"
            aria-label={t("dealBoard.filter.reset")}
            onClick={() => onFiltersChange(EMPTY_BOARD_FILTERS)}
          >
            <IconFilterOff size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}
