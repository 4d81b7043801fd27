import { ActionIcon, Badge, Button, Group, Select, TextInput, Tooltip } from "@mantine/core";
import type { DuplicatePolicy, LinkPolicy, MatchKey } from "@shared/schemas/import";
import { IconTrash } from "@tabler/icons-react";
import { useQueryClient } from "@tanstack/react-query";
import { notifyError, notifySuccess } from "@web/components/notify";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type Import, type ImportTemplate, importsApi, useImportTemplates } from "./imports-api";

/** What the mapping step holds: saved as a template, or set from one. */
export interface MappingState {
  columns: Record<string, string | null>;
  valueMapping: Record<string, Record<string, string>>;
  duplicatePolicy: DuplicatePolicy;
  matchOn: string[];
  linkPolicy: LinkPolicy;
}

interface ImportTemplatesProps {
  imp: Import;
  state: MappingState;
  onApply: (state: MappingState) => void;
}

/**
 * Saved mappings of the entity (issue #17): the one applied on upload is named; another can be
 * applied to the columns this file has, the current mapping saved under a name, one of yours deleted.
 */
export function ImportTemplates({ imp, state, onApply }: ImportTemplatesProps) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const templates = useImportTemplates(imp.entity);
  const [chosen, setChosen] = useState<string | null>(imp.template?.id ?? null);
  const [name, setName] = useState(imp.template?.name ?? "");
  const [saving, setSaving] = useState(false);
  const list = templates.data?.data ?? [];
  const current = list.find((x) => x.id === chosen);
  const refresh = () => client.invalidateQueries({ queryKey: ["imports", "templates", imp.entity] });

  const apply = (template: ImportTemplate) => {
    const columns = { ...state.columns };
    for (const column of imp.columns)
      if (column in template.columns) columns[column] = template.columns[column] ?? null;
    onApply({
      columns,
      valueMapping: template.valueMapping,
      duplicatePolicy: template.duplicatePolicy,
      matchOn: template.matchOn,
      linkPolicy: template.linkPolicy,
    });
    setName(template.name);
  };
  const save = async () => {
    setSaving(true);
    try {
      const saved = await importsApi.saveTemplate({
        entity: imp.entity,
        name,
        columns: state.columns,
        valueMapping: state.valueMapping,
        duplicatePolicy: state.duplicatePolicy,
        matchOn: state.matchOn as MatchKey[],
        linkPolicy: state.linkPolicy,
      });
      setChosen(saved.id);
      notifySuccess(t("imports.templates.saved", { name: saved.name }));
      await refresh();
    } catch (error) {
      notifyError(error);
    } finally {
      setSaving(false);
    }
  };
  const remove = async (template: ImportTemplate) => {
    try {
      await importsApi.deleteTemplate(template.id);
      setChosen(null);
      await refresh();
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      {imp.template && (
        <Badge variant="light" color="teal" size="lg" style={{ textTransform: "none" }}>
          {t("imports.templates.applied", { name: imp.template.name })}
        </Badge>
      )}
      <Select
        label={t("imports.templates.title")}
        placeholder={t("imports.templates.none")}
        data={list.map((x) => ({ value: x.id, label: x.name }))}
        value={chosen}
        onChange={(id) => {
          setChosen(id);
          const template = list.find((x) => x.id === id);
          if (template) apply(template);
        }}
        w={260}
        clearable
      />
      {current?.abilities.delete && (
        <Tooltip label={t("imports.templates.delete")}>
          <ActionIcon
            variant="subtle"
            color="red"
            size="lg"
            aria-label={t("imports.templates.delete")}
            onClick={() => void remove(current)}
          >
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        </Tooltip>
      )}
      <TextInput
        label={t("imports.templates.name")}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        maxLength={100}
        w={240}
      />
      <Button variant="default" onClick={() => void save()} loading={saving} disabled={name.trim() === ""}>
        {t("imports.templates.save")}
      </Button>
    </Group>
  );
}
