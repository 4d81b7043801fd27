import { Button, Code, Modal, Table, Text, VisuallyHidden } from "@mantine/core";
import type { ApiToken, CreatedApiToken } from "@shared/schemas/account";
import { IconPlus } from "@tabler/icons-react";
import { ConfirmDialog } from "@web/components/confirm-dialog";
import { notifyError, notifySuccess } from "@web/components/notify";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TokenCreateForm } from "./token-create-form";
import { TokenSecret } from "./token-secret";
import { useApiTokens, useRevokeApiToken } from "./use-api-tokens";

type CreateState = { step: "closed" } | { step: "form" } | { step: "secret"; token: CreatedApiToken };

export function ApiTokensPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const tokens = useApiTokens();
  const revokeToken = useRevokeApiToken();
  const [create, setCreate] = useState<CreateState>({ step: "closed" });
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const closeCreate = () => setCreate({ step: "closed" });

  const revoke = (token: ApiToken) => {
    revokeToken.mutate(token.id, {
      onSuccess: () => {
        notifySuccess(t("apiTokens.revoked", { name: token.name }));
        setRevoking(null);
      },
      onError: (error) => notifyError(error),
    });
  };

  return (
    <>
      <PageHeader
        order={2}
        title={t("settings.apiTokens")}
        description={t("apiTokens.description")}
        actions={
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setCreate({ step: "form" })}
          >
            {t("apiTokens.create")}
          </Button>
        }
      />
      <QueryStates query={tokens} isEmpty={tokens.data?.length === 0} emptyText={t("apiTokens.empty")} />
      {tokens.data && tokens.data.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("apiTokens.name")}</Table.Th>
                <Table.Th>{t("apiTokens.prefix")}</Table.Th>
                <Table.Th>{t("apiTokens.createdAt")}</Table.Th>
                <Table.Th>{t("apiTokens.lastUsed")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tokens.data.map((token) => (
                <Table.Tr key={token.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {token.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Code>{token.prefix}…</Code>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{format.dateTime(token.createdAt)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={token.lastUsedAt ? undefined : "dimmed"}>
                      {token.lastUsedAt ? format.dateTime(token.lastUsedAt) : t("apiTokens.never")}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      aria-label={t("apiTokens.revokeLabel", { name: token.name })}
                      onClick={() => setRevoking(token)}
                    >
                      {t("apiTokens.revoke")}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Modal
        opened={create.step !== "closed"}
        onClose={closeCreate}
        title={create.step === "secret" ? t("apiTokens.secretTitle") : t("apiTokens.createTitle")}
        // While the secret is shown, a stray click must not throw it away.
        closeOnClickOutside={create.step !== "secret"}
        size="lg"
      >
        {create.step === "form" && (
          <TokenCreateForm
            onCreated={(token) => setCreate({ step: "secret", token })}
            onCancel={closeCreate}
          />
        )}
        {create.step === "secret" && <TokenSecret token={create.token} onDone={closeCreate} />}
      </Modal>
      <ConfirmDialog
        opened={revoking !== null}
        title={revoking ? t("apiTokens.revokeTitle", { name: revoking.name }) : ""}
        message={t("apiTokens.revokeConfirm")}
        confirmLabel={t("apiTokens.revoke")}
        loading={revokeToken.isPending}
        onConfirm={() => revoking && revoke(revoking)}
        onClose={() => setRevoking(null)}
      />
    </>
  );
}
