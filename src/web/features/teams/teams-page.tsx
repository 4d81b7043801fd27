import { Button, Modal, Table, Text, VisuallyHidden } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { Team } from "@shared/schemas/account";
import { IconPlus } from "@tabler/icons-react";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TeamNameForm } from "./team-name-form";
import { useTeams } from "./use-teams";

export function TeamsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const canManage = useCurrentUser().abilities["team.manage"];
  const teams = useTeams();
  const [createOpened, createModal] = useDisclosure(false);
  const [renaming, setRenaming] = useState<Team | null>(null);

  return (
    <>
      <PageHeader
        order={2}
        title={t("settings.teams")}
        description={t("teams.description")}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={createModal.open}>
              {t("teams.create")}
            </Button>
          )
        }
      />
      <QueryStates query={teams} isEmpty={teams.data?.length === 0} emptyText={t("teams.empty")} />
      {teams.data && teams.data.length > 0 && (
        <Table.ScrollContainer minWidth={480}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("teams.name")}</Table.Th>
                <Table.Th ta="right">{t("teams.members")}</Table.Th>
                {canManage && (
                  <Table.Th>
                    <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {teams.data.map((team) => (
                <Table.Tr key={team.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {team.name}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{format.number(team.memberCount)}</Text>
                  </Table.Td>
                  {canManage && (
                    <Table.Td ta="right">
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        aria-label={t("teams.renameLabel", { name: team.name })}
                        onClick={() => setRenaming(team)}
                      >
                        {t("teams.rename")}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal opened={createOpened} onClose={createModal.close} title={t("teams.createTitle")}>
        <TeamNameForm onDone={createModal.close} />
      </Modal>
      <Modal opened={renaming !== null} onClose={() => setRenaming(null)} title={t("teams.renameTitle")}>
        {renaming && <TeamNameForm team={renaming} onDone={() => setRenaming(null)} />}
      </Modal>
    </>
  );
}
