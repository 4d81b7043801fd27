import type { AccountAbilities } from "@domain/policy/policy";
import type { Icon } from "@tabler/icons-react";
import {
  IconForms,
  IconInbox,
  IconKey,
  IconLayoutKanban,
  IconLock,
  IconMail,
  IconPackage,
  IconShieldLock,
  IconTargetArrow,
  IconUser,
  IconUsers,
  IconUsersGroup,
} from "@tabler/icons-react";

export interface SettingsTab {
  path:
    | "profile"
    | "password"
    | "api-tokens"
    | "users"
    | "teams"
    | "leads"
    | "pipelines"
    | "products"
    | "email"
    | "forms"
    | "intake"
    | "permissions";
  labelKey:
    | "profile"
    | "password"
    | "apiTokens"
    | "users"
    | "teams"
    | "leads"
    | "pipelines"
    | "products"
    | "email"
    | "forms"
    | "intake"
    | "permissions";
  icon: Icon;
  /** The action of the server's policy (from `GET /me`) the tab needs; null: every user's. */
  ability: keyof AccountAbilities | null;
}

export const SETTINGS_TABS: readonly SettingsTab[] = [
  { path: "profile", labelKey: "profile", icon: IconUser, ability: null },
  { path: "password", labelKey: "password", icon: IconLock, ability: null },
  { path: "api-tokens", labelKey: "apiTokens", icon: IconKey, ability: null },
  { path: "users", labelKey: "users", icon: IconUsers, ability: "user.list" },
  { path: "teams", labelKey: "teams", icon: IconUsersGroup, ability: "settings.read" },
  { path: "leads", labelKey: "leads", icon: IconTargetArrow, ability: "settings.read" },
  { path: "pipelines", labelKey: "pipelines", icon: IconLayoutKanban, ability: "pipeline.manage" },
  { path: "products", labelKey: "products", icon: IconPackage, ability: "product.manage" },
  { path: "email", labelKey: "email", icon: IconMail, ability: "settings.manage" },
  { path: "forms", labelKey: "forms", icon: IconForms, ability: "form.manage" },
  { path: "intake", labelKey: "intake", icon: IconInbox, ability: "intake.view" },
  { path: "permissions", labelKey: "permissions", icon: IconShieldLock, ability: "settings.manage" },
];
