import { Badge, Group, Tooltip } from "@mantine/core";

interface TagChipsProps {
  tags: readonly string[];
  /** How many chips to show before "+n". */
  max?: number;
}

/** A record's tags as small chips, the rest folded into "+n" with all of them on hover. */
export function TagChips({ tags, max = 2 }: TagChipsProps) {
  if (tags.length === 0) return null;
  const shown = tags.slice(0, max);
  const rest = tags.length - shown.length;
  return (
    <Group gap={4} wrap="nowrap">
      {shown.map((tag) => (
        <Badge key={tag} size="sm" variant="default" radius="sm" tt="none" fw={500} maw={140}>
          {tag}
        </Badge>
      ))}
      {rest > 0 && (
        <Tooltip label={tags.join(", ")}>
          <Badge size="sm" variant="default" radius="sm" tt="none" fw={500}>
            +{rest}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
