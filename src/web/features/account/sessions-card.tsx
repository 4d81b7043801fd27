import { Badge, Button, Stack, Table, Text } from "@mantine/core";
import { useQuery } from "@tanstack/react-query";
import { notifyError, notifySuccess } from "@web/components/notify";
import { QueryStates } from "@web/components/query-states";
import { SectionCard } from "@web/components/section-card";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { sessionsQuery, useRevokeSession } from "./use-security";
import { deviceName } from "./user-agent";

/** One's open sessions: device, network, created, last seen; end one or all others. */
export function SessionsCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const sessions = useQuery(sessionsQuery);
  const revoke = useRevokeSession();
  const others = sessions.data?.data.filter((s) => !s.current).length ?? 0;
  const end = (id: string) =>
    revoke.mutate(id, {
      onSuccess: () => notifySuccess(t(id === "others" ? "sessions.othersEnded" : "sessions.ended")),
      onError: (error) => notifyError(error),
    });
  return (
    <SectionCard
      title={t("sessions.title")}
      actions={
        <Button
          size="compact-sm"
          variant="default"
          disabled={others === 0}
          loading={revoke.isPending}
          onClick={() => end("others")}
        >
          {t("sessions.endOthers")}
        </Button>
      }
    >
      <QueryStates query={sessions} compact />
      {sessions.data && (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" aria-label={t("sessions.title")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("sessions.device")}</Table.Th>
                <Table.Th>{t("sessions.network")}</Table.Th>
                <Table.Th>{t("sessions.created")}</Table.Th>
                <Table.Th>{t("sessions.lastSeen")}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sessions.data.data.map((session) => (
                <Table.Tr key={session.id}>
                  <Table.Td>
                    <Stack gap={4} align="flex-start">
                      <Text size="sm" title={session.userAgent ?? undefined} style={{ whiteSpace: "nowrap" }}>
                        {deviceName(session.userAgent) ?? t("sessions.unknownDevice")}
                      </Text>
                      {session.current && (
                        <Badge size="sm" variant="light" color="teal" style={{ overflow: "visible" }}>
                          {t("sessions.current")}
                        </Badge>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {session.ipPrefix ?? t("common.notSet")}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                      {format.dateTime(session.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                      {format.dateTime(session.lastSeenAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {!session.current && (
                      <Button size="compact-sm" variant="subtle" color="red" onClick={() => end(session.id)}>
                        {t("sessions.end")}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </SectionCard>
  );
}
