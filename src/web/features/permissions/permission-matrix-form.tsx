import { Button, Checkbox, Group, Select, Table, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { Role } from "@shared/schemas/common";
import {
  type EntityRights,
  PERMISSION_ENTITIES,
  type PermissionEntity,
  type RolePermissions,
  SCOPES,
} from "@shared/schemas/permissions";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { useTranslation } from "react-i18next";
import { useUpdateRolePermissions } from "./permissions-api";

const SCOPE_CELLS = ["read", "edit", "delete"] as const;
const FLAG_CELLS = ["export", "changeOwner"] as const;

/** A quote is seen with its deal: Read stays "all", Edit and Delete are all or none, no Export or owner. */
const fixedCell = (entity: PermissionEntity, cell: keyof EntityRights) =>
  entity === "quote" && (cell === "read" || cell === "export" || cell === "changeOwner");
const scopesOf = (entity: PermissionEntity) => (entity === "quote" ? (["all", "none"] as const) : SCOPES);

interface Props {
  role: Role;
  rights: RolePermissions;
  defaults: RolePermissions;
  readOnly: boolean;
}

/** One role's row of the matrix: entities down, Create/Read/Edit/Delete/Export/Change owner across. */
export function PermissionMatrixForm({ role, rights, defaults, readOnly }: Props) {
  const { t } = useTranslation();
  const update = useUpdateRolePermissions();
  const form = useForm<RolePermissions>({ initialValues: rights });

  const submit = form.onSubmit(async (values) => {
    try {
      const saved = await update.mutateAsync({ role, rights: values });
      form.setInitialValues(saved);
      form.setValues(saved);
      notifySuccess(t("permissions.saved", { role: t(`roles.${role}`) }));
    } catch (error) {
      showFormError(form, error);
    }
  });

  const header = (cell: keyof EntityRights) => (
    <Table.Th key={cell} scope="col">
      {t(`permissions.cells.${cell}`)}
    </Table.Th>
  );

  return (
    <form onSubmit={submit} noValidate>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="xs" striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t("permissions.entity")}</Table.Th>
              {header("create")}
              {SCOPE_CELLS.map(header)}
              {FLAG_CELLS.map(header)}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {PERMISSION_ENTITIES.map((entity) => {
              const label = t(`permissions.entities.${entity}`);
              const cellLabel = (cell: keyof EntityRights) => `${label}: ${t(`permissions.cells.${cell}`)}`;
              return (
                <Table.Tr key={entity} data-entity={entity}>
                  <Table.Th scope="row">
                    <Text fw={500} size="sm">
                      {label}
                    </Text>
                  </Table.Th>
                  <Table.Td>
                    <Checkbox
                      aria-label={cellLabel("create")}
                      disabled={readOnly}
                      {...form.getInputProps(`${entity}.create`, { type: "checkbox" })}
                    />
                  </Table.Td>
                  {SCOPE_CELLS.map((cell) => (
                    <Table.Td key={cell} miw={150}>
                      <Select
                        aria-label={cellLabel(cell)}
                        data={scopesOf(entity).map((scope) => ({
                          value: scope,
                          label: t(`permissions.scopes.${scope}`),
                        }))}
                        allowDeselect={false}
                        disabled={readOnly || fixedCell(entity, cell)}
                        size="xs"
                        {...form.getInputProps(`${entity}.${cell}`)}
                      />
                    </Table.Td>
                  ))}
                  {FLAG_CELLS.map((cell) => (
                    <Table.Td key={cell}>
                      <Checkbox
                        aria-label={cellLabel(cell)}
                        disabled={readOnly || fixedCell(entity, cell)}
                        {...form.getInputProps(`${entity}.${cell}`, { type: "checkbox" })}
                      />
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt="xs">
        {t("permissions.scopeHint")}
      </Text>
      {!readOnly && (
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => form.setValues(defaults)}>
            {t("permissions.resetDefaults")}
          </Button>
          <Button type="submit" loading={update.isPending}>
            {t("common.save")}
          </Button>
        </Group>
      )}
    </form>
  );
}
