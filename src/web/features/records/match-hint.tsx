import { Alert, Anchor, Stack, Text } from "@mantine/core";
import { IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { DuplicateItem } from "./duplicates-modal";

const SHOWN = 5;

/** While a record is typed in: existing records that look like the same one, each with why. */
export function MatchHint({
  matches,
}: {
  matches: Pick<DuplicateItem, "id" | "name" | "href" | "reasons">[];
}) {
  const { t } = useTranslation();
  if (matches.length === 0) return null;
  return (
    <Alert
      color="orange"
      variant="light"
      icon={<IconCopy size={16} aria-hidden />}
      title={t("merge.hintTitle")}
    >
      <Stack gap={4}>
        {matches.slice(0, SHOWN).map((m) => (
          <Text key={m.id} size="sm">
            <Anchor component={Link} to={m.href} target="_blank" size="sm" fw={600}>
              {m.name}
            </Anchor>{" "}
            ({m.reasons.map((r) => t(`merge.reason.${r}`)).join(", ")})
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
