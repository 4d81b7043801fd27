import { Badge, Button, Group, Table, Text, VisuallyHidden } from "@mantine/core";
import type { User } from "@shared/schemas/account";
import { useTeamNames } from "@web/features/teams/use-teams";
import { useTranslation } from "react-i18next";

interface UsersTableProps {
  users: User[];
  currentUserId: string;
  /** Without it the table is read-only (managers). */
  actions?: {
    onEdit: (user: User) => void;
    onToggleActive: (user: User) => void;
  };
}

export function UsersTable({ users, currentUserId, actions }: UsersTableProps) {
  const { t } = useTranslation();
  const teamNames = useTeamNames();

  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" highlightOnHover>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t("users.name")}</Table.Th>
            <Table.Th>{t("users.email")}</Table.Th>
            <Table.Th>{t("users.role")}</Table.Th>
            <Table.Th>{t("users.team")}</Table.Th>
            <Table.Th>{t("users.status")}</Table.Th>
            {actions && (
              <Table.Th>
                <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {users.map((user) => {
            const isSelf = user.id === currentUserId;
            return (
              <Table.Tr key={user.id}>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    <Text size="sm" fw={500}>
                      {user.name}
                    </Text>
                    {isSelf && (
                      <Text size="sm" c="dimmed">
                        {t("users.you")}
                      </Text>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{user.email}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{t(`roles.${user.role}`)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={user.teamId ? undefined : "dimmed"}>
                    {user.teamId ? (teamNames.get(user.teamId) ?? t("common.notSet")) : t("users.noTeam")}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={user.active ? "teal" : "gray"}>
                    {t(user.active ? "users.active" : "users.inactive")}
                  </Badge>
                </Table.Td>
                {actions && (
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        aria-label={t("users.editTitle", { name: user.name })}
                        onClick={() => actions.onEdit(user)}
                      >
                        {t("common.edit")}
                      </Button>
                      {!isSelf && (
                        <Button
                          size="compact-sm"
                          variant="subtle"
                          color={user.active ? "red" : "teal"}
                          aria-label={t(user.active ? "users.deactivateLabel" : "users.reactivateLabel", {
                            name: user.name,
                          })}
                          onClick={() => actions.onToggleActive(user)}
                        >
                          {t(user.active ? "users.deactivate" : "users.reactivate")}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
