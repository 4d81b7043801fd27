import { Avatar } from "@mantine/core";

interface InitialsAvatarProps {
  name: string;
  /** People are round, organisations square. */
  shape?: "person" | "organisation";
  size?: number;
}

/**
 * A visual anchor beside a name (issue #23 point 4): the name's initials on a colour derived from the
 * name, drawn locally (no picture service, no request leaves the app). Decorative: the name beside it
 * is what a screen reader reads.
 */
export function InitialsAvatar({ name, shape = "person", size = 28 }: InitialsAvatarProps) {
  return (
    <Avatar
      name={name}
      color="initials"
      size={size}
      radius={shape === "person" ? "xl" : "sm"}
      aria-hidden
      style={{ flexShrink: 0 }}
    />
  );
}
