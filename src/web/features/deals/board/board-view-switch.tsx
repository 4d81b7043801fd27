import { Button } from "@mantine/core";
import { IconLayoutKanban, IconList } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link, useLocation } from "react-router";

/**
 * "Board | List": two links to the same deals (the board at /deals, the list at /deals/list); the
 * filters in the address go along, as both views read the same names.
 */
export function BoardViewSwitch({ current }: { current: "board" | "list" }) {
  const { t } = useTranslation();
  const { search } = useLocation();
  return (
    <Button.Group aria-label={t("dealBoard.view.label")}>
      <Button
        component={Link}
        to={`/deals${search}`}
        variant={current === "board" ? "filled" : "default"}
        aria-current={current === "board" ? "page" : undefined}
        leftSection={<IconLayoutKanban size={16} aria-hidden />}
      >
        {t("dealBoard.view.board")}
      </Button>
      <Button
        component={Link}
        to={`/deals/list${search}`}
        variant={current === "list" ? "filled" : "default"}
        aria-current={current === "list" ? "page" : undefined}
        leftSection={<IconList size={16} aria-hidden />}
      >
        {t("dealBoard.view.list")}
      </Button>
    </Button.Group>
  );
}
