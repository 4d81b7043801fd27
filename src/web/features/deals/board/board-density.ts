import { useLocalStorage } from "@mantine/hooks";

export const BOARD_DENSITIES = ["comfortable", "compact"] as const;
export type BoardDensity = (typeof BOARD_DENSITIES)[number];

const isDensity = (value: unknown): value is BoardDensity =>
  BOARD_DENSITIES.some((density) => density === value);

/**
 * Comfortable cards (owner, days in stage, BANT) or compact ones (title, company, next activity and
 * amount on two lines), remembered per browser like the leads lane's open state.
 */
export function useBoardDensity() {
  return useLocalStorage<BoardDensity>({
    key: "leadwerk.board.density",
    defaultValue: "comfortable",
    getInitialValueInEffect: false,
    // A stored value from elsewhere (an older version, a hand edit) falls back to the default.
    deserialize: (stored) => {
      try {
        const value: unknown = stored === undefined ? undefined : JSON.parse(stored);
        return isDensity(value) ? value : "comfortable";
      } catch {
        return "comfortable";
      }
    },
  });
}
