import { Alert } from "@mantine/core";
import type { Role } from "@shared/schemas/common";
import { IconLock } from "@tabler/icons-react";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface RequireRoleProps {
  allow: (role: Role) => boolean;
  children: ReactNode;
}

/** For a section someone reached by typing its address; the navigation never offers it to them. */
export function RequireRole({ allow, children }: RequireRoleProps) {
  const { t } = useTranslation();
  const { role } = useCurrentUser();
  if (allow(role)) return children;
  return (
    <Alert color="gray" icon={<IconLock aria-hidden />}>
      {t("errors.forbidden")}
    </Alert>
  );
}
