import { SegmentedControl, Tooltip, VisuallyHidden } from "@mantine/core";
import { IconLayoutList, IconList } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { BOARD_DENSITIES, type BoardDensity } from "./board-density";

/** Comfortable or compact cards: two icons beside the Board/List switch, named for screen readers. */
export function BoardDensitySwitch({
  value,
  onChange,
}: {
  value: BoardDensity;
  onChange: (density: BoardDensity) => void;
}) {
  const { t } = useTranslation();
  return (
    <SegmentedControl
      aria-label={t("dealBoard.density.label")}
      value={value}
      onChange={(next) => onChange(next === "compact" ? "compact" : "comfortable")}
      data={BOARD_DENSITIES.map((density) => ({
        value: density,
        label: (
          <Tooltip label={t(`dealBoard.density.${density}`)} withArrow>
            <span style={{ display: "flex", alignItems: "center", padding: "2px 0" }}>
              {density === "compact" ? (
                <IconList size={16} aria-hidden />
              ) : (
                <IconLayoutList size={16} aria-hidden />
              )}
              <VisuallyHidden>{t(`dealBoard.density.${density}`)}</VisuallyHidden>
            </span>
          </Tooltip>
        ),
      }))}
    />
  );
}
