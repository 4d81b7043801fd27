import type { AccountAbilities } from "@domain/policy/policy";
import type { Icon } from "@tabler/icons-react";
import {
  IconFileInvoice,
  IconForms,
  IconHistory,
  IconInbox,
  IconKey,
  IconLayoutKanban,
  IconListDetails,
  IconLock,
  IconMail,
  IconPackage,
  IconShieldLock,
  IconTargetArrow,
  IconTrendingUp,
  IconUser,
  IconUsers,
  IconUsersGroup,
  IconWebhook,
} from "@tabler/icons-react";

export interface SettingsTab {
  path:
    | "profile"
    | "password"
    | "security"
    | "api-tokens"
    | "users"
    | "teams"
    | "leads"
    | "win-model"
    | "custom-fields"
    | "pipelines"
    | "products"
    | "letterhead"
    | "email"
    | "forms"
    | "intake"
    | "webhooks"
    | "audit"
    | "data-protection"
    | "permissions";
  labelKey:
    | "profile"
    | "password"
    | "security"
    | "apiTokens"
    | "users"
    | "teams"
    | "leads"
    | "winModel"
    | "customFields"
    | "pipelines"
    | "products"
    | "letterhead"
    | "email"
    | "forms"
    | "intake"
    | "webhooks"
    | "audit"
    | "dataProtection"
    | "permissions";
  icon: Icon;
  /** The action of the server's policy (from `GET /me`) the tab needs; null: every user's. */
  ability: keyof AccountAbilities | null;
}

export const SETTINGS_TABS: readonly SettingsTab[] = [
  { path: "profile", labelKey: "profile", icon: IconUser, ability: null },
  { path: "password", labelKey: "password", icon: IconLock, ability: null },
  { path: "security", labelKey: "security", icon: IconShieldLock, ability: null },
  { path: "api-tokens", labelKey: "apiTokens", icon: IconKey, ability: null },
  { path: "users", labelKey: "users", icon: IconUsers, ability: "user.list" },
  { path: "teams", labelKey: "teams", icon: IconUsersGroup, ability: "settings.read" },
  { path: "leads", labelKey: "leads", icon: IconTargetArrow, ability: "settings.read" },
  { path: "win-model", labelKey: "winModel", icon: IconTrendingUp, ability: "settings.manage" },
  { path: "custom-fields", labelKey: "customFields", icon: IconListDetails, ability: "custom_field.manage" },
  { path: "pipelines", labelKey: "pipelines", icon: IconLayoutKanban, ability: "pipeline.manage" },
  { path: "products", labelKey: "products", icon: IconPackage, ability: "product.manage" },
  { path: "letterhead", labelKey: "letterhead", icon: IconFileInvoice, ability: "settings.manage" },
  { path: "email", labelKey: "email", icon: IconMail, ability: "settings.manage" },
  { path: "forms", labelKey: "forms", icon: IconForms, ability: "form.manage" },
  { path: "intake", labelKey: "intake", icon: IconInbox, ability: "intake.view" },
  { path: "webhooks", labelKey: "webhooks", icon: IconWebhook, ability: "webhook.manage" },
  { path: "audit", labelKey: "audit", icon: IconHistory, ability: "audit.read" },
  { path: "data-protection", labelKey: "dataProtection", icon: IconShieldLock, ability: "gdpr.manage" },
  { path: "permissions", labelKey: "permissions", icon: IconShieldLock, ability: "settings.manage" },
];
