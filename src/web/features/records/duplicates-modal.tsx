import { Anchor, Badge, Button, Group, Modal, Stack, Text } from "@mantine/core";
import { IconGitMerge } from "@tabler/icons-react";
import { QueryStates } from "@web/components/query-states";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

export interface DuplicateItem {
  id: string;
  name: string;
  detail: string;
  reasons: ("email" | "phone" | "name_company" | "website_domain" | "company_name")[];
  href: string;
}

interface DuplicatesModalProps {
  opened: boolean;
  onClose: () => void;
  title: string;
  query: {
    data?: DuplicateItem[] | undefined;
    isPending: boolean;
    isError: boolean;
    isSuccess: boolean;
    error: unknown;
    refetch: () => Promise<unknown>;
  };
  onMerge: (id: string) => void;
}

/** Likely duplicates of a record, each with why it looks alike, and a way into the merge screen. */
export function DuplicatesModal({ opened, onClose, title, query, onMerge }: DuplicatesModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={title} size="lg">
      <QueryStates
        query={query}
        compact
        isEmpty={query.data?.length === 0}
        emptyText={t("merge.noDuplicates")}
      />
      <Stack gap="sm" component="ul" style={{ listStyle: "none", padding: 0, margin: 0 }}>
        {query.data?.map((item) => (
          <Group key={item.id} component="li" justify="space-between" wrap="nowrap" gap="sm">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <Anchor component={Link} to={item.href} fw={600} size="sm" onClick={onClose}>
                {item.name}
              </Anchor>
              {item.detail && (
                <Text size="xs" c="dimmed" truncate>
                  {item.detail}
                </Text>
              )}
              <Group gap={4}>
                {item.reasons.map((reason) => (
                  <Badge key={reason} size="xs" variant="light" color="orange" tt="none">
                    {t(`merge.reason.${reason}`)}
                  </Badge>
                ))}
              </Group>
            </Stack>
            <Button
              size="xs"
              variant="light"
              leftSection={<IconGitMerge size={14} aria-hidden />}
              onClick={() => onMerge(item.id)}
            >
              {t("merge.mergeThis")}
            </Button>
          </Group>
        ))}
      </Stack>
    </Modal>
  );
}
