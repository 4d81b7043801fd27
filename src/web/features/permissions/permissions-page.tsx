import { Alert, SegmentedControl, Stack } from "@mantine/core";
import { ROLES, type Role } from "@shared/schemas/common";
import { IconInfoCircle } from "@tabler/icons-react";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { PermissionMatrixForm } from "./permission-matrix-form";
import { usePermissions } from "./permissions-api";

/** Settings → Permissions: per role, what each entity allows (issue #14 point 1); admins only. */
export function PermissionsPage() {
  const { t } = useTranslation();
  const matrix = usePermissions();
  const [role, setRole] = useState<Role>("sales");
  const fixed = matrix.data?.fixedRoles.includes(role) ?? false;

  return (
    <>
      <PageHeader order={2} title={t("settings.permissions")} description={t("permissions.description")} />
      <QueryStates query={matrix} />
      {matrix.data && (
        <Stack gap="md">
          <SegmentedControl
            aria-label={t("permissions.role")}
            value={role}
            onChange={(value) => setRole(value as Role)}
            data={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
            maw={560}
          />
          {fixed && (
            <Alert variant="light" icon={<IconInfoCircle aria-hidden />}>
              {t("permissions.adminFixed")}
            </Alert>
          )}
          <PermissionMatrixForm
            key={role}
            role={role}
            rights={matrix.data.roles[role]}
            defaults={matrix.data.defaults[role]}
            readOnly={fixed}
          />
        </Stack>
      )}
    </>
  );
}
