import type { Role } from "@shared/schemas/common";
import type { Icon } from "@tabler/icons-react";
import {
  IconKey,
  IconLayoutKanban,
  IconLock,
  IconTargetArrow,
  IconUser,
  IconUsers,
  IconUsersGroup,
} from "@tabler/icons-react";
import {
  canManagePipelines,
  canSeeLeadSettings,
  canSeeTeamSettings,
  canSeeUsers,
} from "@web/features/auth/permissions";

export interface SettingsTab {
  path: "profile" | "password" | "api-tokens" | "users" | "teams" | "leads" | "pipelines";
  labelKey: "profile" | "password" | "apiTokens" | "users" | "teams" | "leads" | "pipelines";
  icon: Icon;
  visibleTo: (role: Role) => boolean;
}

const everyone = () => true;

export const SETTINGS_TABS: readonly SettingsTab[] = [
  { path: "profile", labelKey: "profile", icon: IconUser, visibleTo: everyone },
  { path: "password", labelKey: "password", icon: IconLock, visibleTo: everyone },
  { path: "api-tokens", labelKey: "apiTokens", icon: IconKey, visibleTo: everyone },
  { path: "users", labelKey: "users", icon: IconUsers, visibleTo: canSeeUsers },
  { path: "teams", labelKey: "teams", icon: IconUsersGroup, visibleTo: canSeeTeamSettings },
  { path: "leads", labelKey: "leads", icon: IconTargetArrow, visibleTo: canSeeLeadSettings },
  { path: "pipelines", labelKey: "pipelines", icon: IconLayoutKanban, visibleTo: canManagePipelines },
];
