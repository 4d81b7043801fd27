import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { ActionIcon, Table, Text, TextInput } from "@mantine/core";
import type { UseFormReturnType } from "@mantine/form";
import { PERCENT_RULES } from "@shared/locale-number";
import { IconGripVertical, IconTrash } from "@tabler/icons-react";
import { NumberField } from "@web/components/number-field";
import { useTranslation } from "react-i18next";
import { type PipelineValues, ROTTING_DAYS_RULES, type StageRow } from "./pipeline-form-values";

interface StageRowsProps {
  form: UseFormReturnType<PipelineValues>;
  onRemove: (index: number) => void;
  removing: string | null;
}

/** The stages as a table whose rows reorder by drag and drop, or by keyboard on the grip handle. */
export function StageRows({ form, onRemove, removing }: StageRowsProps) {
  const { t } = useTranslation();
  const rows = form.getValues().stages;
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const nameOf = (key: string | number) => rows.find((row) => row.key === key)?.name || t("pipelines.stage");
  const positionOf = (key: string | number) => rows.findIndex((row) => row.key === key) + 1;

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = rows.findIndex((row) => row.key === active.id);
    const to = rows.findIndex((row) => row.key === over.id);
    if (from >= 0 && to >= 0) form.reorderListItem("stages", { from, to });
  };

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: { draggable: t("pipelines.dnd.instructions") },
        announcements: {
          onDragStart: ({ active }) => t("pipelines.dnd.pickedUp", { name: nameOf(active.id) }),
          onDragOver: ({ active, over }) =>
            over
              ? t("pipelines.dnd.over", { name: nameOf(active.id), position: positionOf(over.id) })
              : undefined,
          onDragEnd: ({ active, over }) =>
            over
              ? t("pipelines.dnd.dropped", { name: nameOf(active.id), position: positionOf(over.id) })
              : undefined,
          onDragCancel: ({ active }) => t("pipelines.dnd.cancelled", { name: nameOf(active.id) }),
        },
      }}
    >
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing={4} horizontalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={40} />
              <Table.Th>{t("pipelines.stageName")}</Table.Th>
              <Table.Th w={120} style={{ whiteSpace: "nowrap" }}>
                {t("pipelines.probability")}
              </Table.Th>
              <Table.Th w={130} style={{ whiteSpace: "nowrap" }}>
                {t("pipelines.rottingDays")}
              </Table.Th>
              <Table.Th w={44} />
            </Table.Tr>
          </Table.Thead>
          <SortableContext items={rows.map((row) => row.key)} strategy={verticalListSortingStrategy}>
            <Table.Tbody>
              {rows.map((row, index) => (
                <SortableStageRow
                  key={row.key}
                  row={row}
                  index={index}
                  form={form}
                  canRemove={rows.length > 1}
                  removing={removing === row.key}
                  onRemove={() => onRemove(index)}
                />
              ))}
            </Table.Tbody>
          </SortableContext>
        </Table>
      </Table.ScrollContainer>
    </DndContext>
  );
}

interface SortableStageRowProps {
  row: StageRow;
  index: number;
  form: UseFormReturnType<PipelineValues>;
  canRemove: boolean;
  removing: boolean;
  onRemove: () => void;
}

function SortableStageRow({ row, index, form, canRemove, removing, onRemove }: SortableStageRowProps) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: row.key });
  const label = row.name || t("pipelines.stage");
  return (
    <Table.Tr
      ref={setNodeRef}
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        position: "relative",
        zIndex: isDragging ? 1 : undefined,
        background: isDragging ? "var(--mantine-color-body)" : undefined,
        boxShadow: isDragging ? "var(--mantine-shadow-md)" : undefined,
      }}
    >
      <Table.Td>
        <ActionIcon
          ref={setActivatorNodeRef}
          variant="subtle"
          color="gray"
          style={{ cursor: "grab", touchAction: "none" }}
          aria-label={t("pipelines.moveStage", { name: label })}
          {...attributes}
          {...listeners}
        >
          <IconGripVertical size={16} aria-hidden />
        </ActionIcon>
      </Table.Td>
      <Table.Td>
        <TextInput
          aria-label={t("pipelines.stageNameOf", { position: index + 1 })}
          {...form.getInputProps(`stages.${index}.name`)}
        />
      </Table.Td>
      <Table.Td>
        <NumberField
          aria-label={t("pipelines.probabilityOf", { name: label })}
          rules={PERCENT_RULES}
          rightSection={
            <Text size="sm" c="dimmed" aria-hidden>
              %
            </Text>
          }
          {...form.getInputProps(`stages.${index}.probability`)}
        />
      </Table.Td>
      <Table.Td>
        <NumberField
          aria-label={t("pipelines.rottingDaysOf", { name: label })}
          placeholder={t("pipelines.never")}
          rules={ROTTING_DAYS_RULES}
          {...form.getInputProps(`stages.${index}.rottingDays`)}
        />
      </Table.Td>
      <Table.Td>
        <ActionIcon
          variant="subtle"
          color="red"
          onClick={onRemove}
          disabled={!canRemove}
          loading={removing}
          aria-label={t("pipelines.removeStage", { name: label })}
        >
          <IconTrash size={16} aria-hidden />
        </ActionIcon>
      </Table.Td>
    </Table.Tr>
  );
}
