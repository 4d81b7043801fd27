import { Alert, Button, Modal, Stack, Text, TextInput } from "@mantine/core";
import { useDebouncedValue, useDisclosure } from "@mantine/hooks";
import type { User } from "@shared/schemas/account";
import { IconInfoCircle, IconPlus, IconSearch } from "@tabler/icons-react";
import { ConfirmDialog } from "@web/components/confirm-dialog";
import { notifyError, notifySuccess } from "@web/components/notify";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useCurrentUser } from "@web/features/auth/current-user-context";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { useUpdateUser, useUserList } from "./use-users";
import { UserCreateForm } from "./user-create-form";
import { UserEditForm } from "./user-edit-form";
import { UserSignInActions } from "./user-sign-in-actions";
import { UsersTable } from "./users-table";

export function UsersPage() {
  const { t } = useTranslation();
  const currentUser = useCurrentUser();
  const canManage = currentUser.abilities["user.update"];
  // The global search opens a user here by name (?q=).
  const [searchParams] = useSearchParams();
  const wanted = searchParams.get("q") ?? "";
  const [search, setSearch] = useState(wanted);
  useEffect(() => {
    if (wanted) setSearch(wanted);
  }, [wanted]);
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useUserList(q);
  const updateUser = useUpdateUser();
  const [createOpened, createModal] = useDisclosure(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [deactivating, setDeactivating] = useState<User | null>(null);

  const setActive = (user: User, active: boolean) => {
    updateUser.mutate(
      { id: user.id, active, version: user.version },
      {
        onSuccess: (updated) => {
          notifySuccess(t(active ? "users.reactivated" : "users.deactivated", { name: updated.name }));
          setDeactivating(null);
        },
        onError: (error) => notifyError(error),
      },
    );
  };

  const users = list.data?.pages.flatMap((page) => page.data) ?? [];

  return (
    <>
      <PageHeader
        order={2}
        title={t("settings.users")}
        description={t("users.description")}
        actions={
          canManage && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={createModal.open}>
              {t("users.create")}
            </Button>
          )
        }
      />
      <Stack gap="md">
        {!canManage && (
          <Alert variant="light" icon={<IconInfoCircle aria-hidden />}>
            {t("users.readOnly")}
          </Alert>
        )}
        <TextInput
          label={t("users.searchLabel")}
          placeholder={t("users.searchPlaceholder")}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          maw={360}
        />
        <QueryStates
          query={list}
          isEmpty={users.length === 0}
          empty={<Text c="dimmed">{t("users.empty")}</Text>}
        />
        {users.length > 0 && (
          <UsersTable
            users={users}
            currentUserId={currentUser.id}
            actions={
              canManage
                ? {
                    onEdit: setEditing,
                    onToggleActive: (user) => (user.active ? setDeactivating(user) : setActive(user, true)),
                  }
                : undefined
            }
          />
        )}
        {list.hasNextPage && (
          <Button
            variant="default"
            onClick={() => void list.fetchNextPage()}
            loading={list.isFetchingNextPage}
          >
            {t("common.loadMore")}
          </Button>
        )}
      </Stack>

      <Modal opened={createOpened} onClose={createModal.close} title={t("users.createTitle")} size="lg">
        <UserCreateForm onDone={createModal.close} />
      </Modal>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing ? t("users.editTitle", { name: editing.name }) : ""}
      >
        {editing && <UserEditForm user={editing} onDone={() => setEditing(null)} />}
        {editing && canManage && <UserSignInActions user={editing} />}
      </Modal>
      <ConfirmDialog
        opened={deactivating !== null}
        title={deactivating ? t("users.deactivateTitle", { name: deactivating.name }) : ""}
        message={deactivating ? t("users.deactivateConfirm", { name: deactivating.name }) : ""}
        confirmLabel={t("users.deactivate")}
        loading={updateUser.isPending}
        onConfirm={() => deactivating && setActive(deactivating, false)}
        onClose={() => setDeactivating(null)}
      />
    </>
  );
}
