import {
  ActionIcon,
  Button,
  Checkbox,
  Divider,
  Group,
  Modal,
  Popover,
  Stack,
  Text,
  TextInput,
  UnstyledButton,
} from "@mantine/core";
import { isNotEmpty, useForm } from "@mantine/form";
import { useDisclosure } from "@mantine/hooks";
import { IconBookmark, IconDeviceFloppy, IconPencil, IconTrash } from "@tabler/icons-react";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { notifyError, notifySuccess } from "@web/components/notify";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CreateViewRequest, SavedView, SavedViewEntity } from "./saved-views-api";
import { useCreateSavedView, useDeleteSavedView, useSavedViews, useUpdateSavedView } from "./use-saved-views";

interface SavedViewsMenuProps {
  entity: SavedViewEntity;
  /** What "save current view" stores. */
  current: Omit<CreateViewRequest, "entity" | "name">;
  onApply: (view: SavedView) => void;
}

/** Picks, saves, renames, updates and deletes the caller's saved views of one list. */
export function SavedViewsMenu({ entity, current, onApply }: SavedViewsMenuProps) {
  const { t } = useTranslation();
  const [opened, popover] = useDisclosure(false);
  const [saveOpened, saveModal] = useDisclosure(false);
  const views = useSavedViews(entity);
  const deleteView = useDeleteSavedView(entity);
  const createView = useCreateSavedView();
  const updateView = useUpdateSavedView(entity);
  /** The view being renamed or updated; null: the modal saves a new view. */
  const [editing, setEditing] = useState<SavedView | null>(null);
  const form = useForm({
    initialValues: { name: "", replace: false },
    validate: { name: isNotEmpty(t("validation.required")) },
  });

  const openSave = (view: SavedView | null) => {
    setEditing(view);
    form.setValues({ name: view?.name ?? "", replace: false });
    form.resetDirty();
    popover.close();
    saveModal.open();
  };

  const save = form.onSubmit(async ({ name, replace }) => {
    try {
      const view = editing
        ? await updateView.mutateAsync({
            id: editing.id,
            body: { name: name.trim(), ...(replace ? current : {}) },
          })
        : await createView.mutateAsync({ entity, name: name.trim(), ...current });
      notifySuccess(t("savedViews.saved", { name: view.name }));
      saveModal.close();
      form.reset();
    } catch (error) {
      showFormError(form, error);
    }
  });

  const remove = (view: SavedView) =>
    deleteView.mutate(view.id, {
      onSuccess: () => notifySuccess(t("savedViews.deleted", { name: view.name })),
      onError: (error) => notifyError(error),
    });

  return (
    <>
      <Popover
        opened={opened}
        onChange={popover.toggle}
        position="bottom-end"
        shadow="md"
        width={280}
        trapFocus
      >
        <Popover.Target>
          <Button
            variant="default"
            leftSection={<IconBookmark size={16} aria-hidden />}
            onClick={popover.toggle}
          >
            {t("savedViews.button")}
          </Button>
        </Popover.Target>
        <Popover.Dropdown p="xs">
          <Text size="xs" fw={600} c="dimmed" px={6} pb={4} tt="uppercase">
            {t("savedViews.label")}
          </Text>
          <Stack gap={2}>
            {(views.data ?? []).map((view) => (
              <Group key={view.id} gap={4} wrap="nowrap" justify="space-between">
                <UnstyledButton
                  onClick={() => {
                    onApply(view);
                    popover.close();
                  }}
                  px={6}
                  py={4}
                  style={{ flex: 1, borderRadius: 6 }}
                  className="mantine-focus-auto"
                >
                  <Text size="sm" truncate>
                    {view.name}
                  </Text>
                </UnstyledButton>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t("savedViews.edit", { name: view.name })}
                  onClick={() => openSave(view)}
                >
                  <IconPencil size={16} aria-hidden />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t("savedViews.delete", { name: view.name })}
                  onClick={() => remove(view)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            {views.isSuccess && views.data.length === 0 && (
              <Text size="sm" c="dimmed" px={6} py={4}>
                {t("savedViews.empty")}
              </Text>
            )}
          </Stack>
          <Divider my="xs" />
          <Button
            variant="subtle"
            fullWidth
            justify="flex-start"
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            onClick={() => openSave(null)}
          >
            {t("savedViews.save")}
          </Button>
        </Popover.Dropdown>
      </Popover>
      <Modal
        opened={saveOpened}
        onClose={saveModal.close}
        title={editing ? t("savedViews.editTitle") : t("savedViews.saveTitle")}
      >
        <form onSubmit={save} noValidate>
          <Stack gap="md">
            <TextInput
              label={t("savedViews.name")}
              description={t("savedViews.nameHint")}
              required
              data-autofocus
              {...form.getInputProps("name")}
            />
            {editing && (
              <Checkbox
                label={t("savedViews.replace")}
                {...form.getInputProps("replace", { type: "checkbox" })}
              />
            )}
            <FormActions onCancel={saveModal.close} submitting={form.submitting} />
          </Stack>
        </form>
      </Modal>
    </>
  );
}
