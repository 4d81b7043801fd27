import { Avatar, Box, Group, Menu, Text, UnstyledButton } from "@mantine/core";
import { notifications } from "@mantine/notifications";
import { IconChevronDown, IconKey, IconLock, IconLogout, IconUser } from "@tabler/icons-react";
import { isApiError } from "@web/api/api-client";
import { notifyError } from "@web/components/notify";
import { authApi } from "@web/features/auth/auth-api";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { endSession } from "@web/features/auth/session";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import classes from "./user-menu.module.css";

/** "Ada Admin" → "AA", as Mantine's Avatar would show it. */
const initialsOf = (name: string) =>
  name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((word) => word.charAt(0).toUpperCase())
    .join("");

export function UserMenu() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const navigate = useNavigate();

  const logout = async () => {
    try {
      await authApi.logout();
    } catch (error) {
      // A 401 means the session had already ended, which is what the user wanted.
      if (!isApiError(error, 401)) notifyError(error);
    }
    endSession();
    // Messages about the last user's work do not belong on the next user's login page.
    notifications.clean();
    await navigate("/login");
  };

  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        {/* The label contains the name: voice control users say the name they see (issue #15 point 7). */}
        <UnstyledButton
          aria-label={t("header.userMenu", { name: user.name })}
          px={6}
          py={4}
          style={{ borderRadius: 8 }}
        >
          <Group gap="xs" wrap="nowrap">
            <Avatar size={30} radius="xl" color="initials" name={user.name} aria-hidden>
              <span className={classes.initials} data-initials={initialsOf(user.name)} />
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm" maw={160} truncate>
              {user.name}
            </Text>
            <Box visibleFrom="sm" display="flex">
              <IconChevronDown size={14} stroke={1.5} aria-hidden />
            </Box>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          <Text size="xs" truncate>
            {t("header.signedInAs", { email: user.email })}
          </Text>
        </Menu.Label>
        <Menu.Item component={Link} to="/settings/profile" leftSection={<IconUser size={16} />}>
          {t("header.profile")}
        </Menu.Item>
        <Menu.Item component={Link} to="/settings/password" leftSection={<IconLock size={16} />}>
          {t("header.changePassword")}
        </Menu.Item>
        <Menu.Item component={Link} to="/settings/api-tokens" leftSection={<IconKey size={16} />}>
          {t("header.apiTokens")}
        </Menu.Item>
        <Menu.Divider />
        <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={() => void logout()}>
          {t("header.logout")}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
