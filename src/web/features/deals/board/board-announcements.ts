import type { Announcements, ScreenReaderInstructions } from "@dnd-kit/core";
import type { TFunction } from "i18next";

/** What the announcements need to say where a card is; read at the moment of each event. */
export interface DropTargetDescriber {
  /** The card's name: a deal's title or a lead's name. */
  label: (id: string) => string;
  /** "Won"/"Lost" for an outcome zone, else the stage and the card's place there. */
  target: (
    activeId: string,
    overId: string,
  ) =>
    | { kind: "stage"; stage: string; position: number; count: number }
    | { kind: "outcome"; outcome: string }
    | null;
}

/** Screen-reader texts for dragging cards, in the user's language (dnd-kit's defaults are English only). */
export function boardAnnouncements(t: TFunction, describe: DropTargetDescriber): Announcements {
  const where = (activeId: string, overId: string | undefined) => {
    const target = overId ? describe.target(activeId, overId) : null;
    if (!target) return null;
    return target.kind === "outcome"
      ? t("dealBoard.dnd.overOutcome", { outcome: target.outcome })
      : t("dealBoard.dnd.overStage", { stage: target.stage, position: target.position, count: target.count });
  };
  return {
    onDragStart: ({ active }) =>
      t("dealBoard.dnd.pickedUp", {
        title: describe.label(String(active.id)),
        where: where(String(active.id), String(active.id)) ?? "",
      }),
    onDragOver: ({ active, over }) => {
      const title = describe.label(String(active.id));
      const place = where(String(active.id), over ? String(over.id) : undefined);
      return place
        ? t("dealBoard.dnd.movedOver", { title, where: place })
        : t("dealBoard.dnd.notOver", { title });
    },
    onDragEnd: ({ active, over }) => {
      const title = describe.label(String(active.id));
      const place = where(String(active.id), over ? String(over.id) : undefined);
      return place
        ? t("dealBoard.dnd.dropped", { title, where: place })
        : t("dealBoard.dnd.droppedNowhere", { title });
    },
    onDragCancel: ({ active }) => t("dealBoard.dnd.cancelled", { title: describe.label(String(active.id)) }),
  };
}

export function boardInstructions(t: TFunction): ScreenReaderInstructions {
  return { draggable: t("dealBoard.dnd.instructions") };
}
