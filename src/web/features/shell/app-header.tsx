import { Burger, Group, Text, ThemeIcon, UnstyledButton } from "@mantine/core";
import { IconBolt } from "@tabler/icons-react";
import { GlobalSearch } from "@web/features/search/global-search";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { LanguageSwitch } from "./language-switch";
import { NotificationBell } from "./notification-bell";
import { ThemeToggle } from "./theme-toggle";
import { UserMenu } from "./user-menu";

interface AppHeaderProps {
  navOpened: boolean;
  onToggleNav: () => void;
}

export function ProductMark() {
  const { t } = useTranslation();
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={28} radius="md" variant="gradient" gradient={{ from: "indigo", to: "cyan", deg: 135 }}>
        <IconBolt size={18} stroke={2} aria-hidden />
      </ThemeIcon>
      <Text fw={700} size="lg">
        {t("app.name")}
      </Text>
    </Group>
  );
}

export function AppHeader({ navOpened, onToggleNav }: AppHeaderProps) {
  const { t } = useTranslation();
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="sm" wrap="nowrap">
        <Burger
          opened={navOpened}
          onClick={onToggleNav}
          hiddenFrom="sm"
          size="sm"
          aria-label={t("header.toggleNavigation")}
        />
        <UnstyledButton component={Link} to="/" aria-label={t("app.name")}>
          <ProductMark />
        </UnstyledButton>
      </Group>
      <GlobalSearch />
      <Group gap="xs" wrap="nowrap">
        <NotificationBell />
        <LanguageSwitch />
        <ThemeToggle />
        <UserMenu />
      </Group>
    </Group>
  );
}
