import type { Icon } from "@tabler/icons-react";
import {
  IconAddressBook,
  IconBuilding,
  IconCalendarEvent,
  IconChartBar,
  IconChecklist,
  IconLayoutDashboard,
  IconLayoutKanban,
  IconTargetArrow,
} from "@tabler/icons-react";

export interface NavItem {
  to: string;
  labelKey: "dashboard" | "leads" | "contacts" | "companies" | "deals" | "myWork" | "calendar" | "reports";
  icon: Icon;
}

/** The entity areas in the order a sale moves through them; Settings sits apart at the bottom. */
export const NAV_ITEMS: readonly NavItem[] = [
  { to: "/", labelKey: "dashboard", icon: IconLayoutDashboard },
  { to: "/leads", labelKey: "leads", icon: IconTargetArrow },
  { to: "/contacts", labelKey: "contacts", icon: IconAddressBook },
  { to: "/companies", labelKey: "companies", icon: IconBuilding },
  { to: "/deals", labelKey: "deals", icon: IconLayoutKanban },
  { to: "/my-work", labelKey: "myWork", icon: IconChecklist },
  { to: "/calendar", labelKey: "calendar", icon: IconCalendarEvent },
  { to: "/reports", labelKey: "reports", icon: IconChartBar },
];
