import type { AccountAbilities } from "@domain/policy/policy";
import { Alert } from "@mantine/core";
import { IconLock } from "@tabler/icons-react";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface RequireAbilityProps {
  /** The action of the server's policy the section needs (from `GET /me`). */
  ability: keyof AccountAbilities;
  children: ReactNode;
}

/** For a section someone reached by typing its address; the navigation never offers it to them. */
export function RequireAbility({ ability, children }: RequireAbilityProps) {
  const { t } = useTranslation();
  const { abilities } = useCurrentUser();
  if (abilities[ability]) return children;
  return (
    <Alert color="gray" icon={<IconLock aria-hidden />}>
      {t("errors.forbidden")}
    </Alert>
  );
}
