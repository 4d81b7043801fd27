import { Select, type SelectProps } from "@mantine/core";
import { ROLES } from "@shared/schemas/common";
import { useTeams } from "@web/features/teams/use-teams";
import { useTranslation } from "react-i18next";

export function RoleSelect(props: Omit<SelectProps, "data">) {
  const { t } = useTranslation();
  return (
    <Select
      label={t("users.role")}
      allowDeselect={false}
      data={ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }))}
      {...props}
    />
  );
}

export function TeamSelect(props: Omit<SelectProps, "data">) {
  const { t } = useTranslation();
  const { data: teams, isPending } = useTeams();
  return (
    <Select
      label={t("users.team")}
      placeholder={t("users.noTeam")}
      clearable
      searchable
      disabled={isPending}
      data={(teams ?? []).map((team) => ({ value: team.id, label: team.name }))}
      {...props}
    />
  );
}
