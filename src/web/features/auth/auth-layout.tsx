import { Box, Center, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useDocumentTitle } from "@mantine/hooks";
import { ProductMark } from "@web/features/shell/app-header";
import { LanguageSwitch } from "@web/features/shell/language-switch";
import { ThemeToggle } from "@web/features/shell/theme-toggle";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

interface AuthLayoutProps {
  title: string;
  intro: string;
  children: ReactNode;
}

/** The frame for screens before a session exists: setup and login. */
export function AuthLayout({ title, intro, children }: AuthLayoutProps) {
  const { t } = useTranslation();
  useDocumentTitle(`${title} · ${t("app.name")}`);
  return (
    <Box mih="100vh" bg="var(--mantine-color-body)">
      <Group justify="space-between" p="md">
        <ProductMark />
        <Group gap="sm">
          <LanguageSwitch />
          <ThemeToggle />
        </Group>
      </Group>
      <Center px="md" pt={48} pb="xl">
        <Paper component="main" withBorder shadow="sm" radius="md" p="xl" w="100%" maw={440}>
          <Stack gap={4} mb="lg">
            <Title order={1} size="h2">
              {title}
            </Title>
            <Text c="dimmed" size="sm">
              {intro}
            </Text>
          </Stack>
          {children}
        </Paper>
      </Center>
    </Box>
  );
}
