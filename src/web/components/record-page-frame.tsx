import { Alert, Anchor, Center, Group, Loader, Stack } from "@mantine/core";
import { IconAlertTriangle, IconArrowLeft } from "@tabler/icons-react";
import { isApiError } from "@web/api/api-client";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { QueryError } from "./query-error";

interface RecordPageFrameProps {
  backTo: string;
  backLabel: string;
  notFound: string;
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => Promise<unknown> };
  children: ReactNode;
}

/** A record's page around its content: the way back, and loading, not-found and error states. */
export function RecordPageFrame({ backTo, backLabel, notFound, query, children }: RecordPageFrameProps) {
  const { t } = useTranslation();
  return (
    <Stack gap="md">
      <Anchor component={Link} to={backTo} size="sm" w="fit-content">
        <Group gap={4}>
          <IconArrowLeft size={14} aria-hidden />
          {backLabel}
        </Group>
      </Anchor>
      {query.isPending && (
        <Center py="xl">
          <Loader aria-label={t("app.loading")} />
        </Center>
      )}
      {query.isError &&
        (isApiError(query.error, 404) ? (
          <Alert color="gray" icon={<IconAlertTriangle aria-hidden />}>
            {notFound}
          </Alert>
        ) : (
          <QueryError error={query.error} onRetry={() => void query.refetch()} />
        ))}
      {children}
    </Stack>
  );
}
