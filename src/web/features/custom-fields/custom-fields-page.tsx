import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Menu,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  VisuallyHidden,
} from "@mantine/core";
import { CUSTOM_FIELD_ENTITIES } from "@shared/schemas/custom-field";
import { IconArrowDown, IconArrowUp, IconDots, IconPlus } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { ConfirmDialog } from "@web/components/confirm-dialog";
import { notifyError, notifySuccess } from "@web/components/notify";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { CustomFieldForm } from "./custom-field-form";
import { CustomFieldTypeDialog } from "./custom-field-type-dialog";
import type { CustomField, CustomFieldEntity } from "./custom-fields-api";
import {
  deletedCustomFieldsQuery,
  useCustomFieldDefinitions,
  useDeleteCustomField,
  usePurgeCustomField,
  useRestoreCustomField,
  useUpdateCustomField,
} from "./use-custom-fields";

type Dialog =
  | { step: "closed" }
  | { step: "form"; field?: CustomField }
  | { step: "type"; field: CustomField }
  | { step: "delete"; field: CustomField }
  | { step: "purge"; field: CustomField };

/** Settings → Custom fields (admins): per record type the extra fields, their order, and deleted ones. */
export function CustomFieldsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === "de" ? "de" : "en";
  const [entity, setEntity] = useState<CustomFieldEntity>("lead");
  const query = useCustomFieldDefinitions(entity);
  const deleted = useQuery(deletedCustomFieldsQuery);
  const update = useUpdateCustomField();
  const remove = useDeleteCustomField();
  const restore = useRestoreCustomField();
  const purge = usePurgeCustomField();
  const [dialog, setDialog] = useState<Dialog>({ step: "closed" });
  const close = () => setDialog({ step: "closed" });
  const fields = query.fields;
  const gone = (deleted.data ?? []).filter((f) => f.entity === entity);

  /** Swaps the positions of two neighbours (positions may repeat: each gets its index first). */
  const move = async (index: number, by: -1 | 1) => {
    const a = fields[index];
    const b = fields[index + by];
    if (!a || !b) return;
    try {
      await update.mutateAsync({ id: a.id, body: { position: index + by, version: a.version } });
      await update.mutateAsync({ id: b.id, body: { position: index, version: b.version } });
    } catch (error) {
      notifyError(error);
    }
  };

  return (
    <Stack gap="lg">
      <PageHeader
        order={2}
        title={t("settings.customFields")}
        description={t("customFields.description")}
        actions={
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setDialog({ step: "form" })}
          >
            {t("customFields.create")}
          </Button>
        }
      />
      <SegmentedControl
        value={entity}
        onChange={(value) => setEntity(value as CustomFieldEntity)}
        data={CUSTOM_FIELD_ENTITIES.map((e) => ({ value: e, label: t(`customFields.entities.${e}`) }))}
        aria-label={t("customFields.entity")}
        style={{ alignSelf: "flex-start" }}
      />
      <QueryStates query={query} isEmpty={fields.length === 0} emptyText={t("customFields.empty")} />
      {fields.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover aria-label={t("settings.customFields")}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("customFields.label")}</Table.Th>
                <Table.Th>{t("customFields.key")}</Table.Th>
                <Table.Th>{t("customFields.type")}</Table.Th>
                <Table.Th>{t("customFields.properties")}</Table.Th>
                <Table.Th>
                  <VisuallyHidden>{t("common.actions")}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {fields.map((field, index) => (
                <Table.Tr key={field.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {field.label[lang]}
                    </Text>
                    {field.options.length > 0 && (
                      <Text size="xs" c="dimmed">
                        {field.options.map((o) => o.label[lang]).join(", ")}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" ff="monospace">
                      {field.key}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`customFields.types.${field.type}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {field.required && (
                        <Badge variant="light" color="orange">
                          {t("customFields.required")}
                        </Badge>
                      )}
                      {field.filterable && (
                        <Badge variant="light" color="blue">
                          {t("customFields.filterable")}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        disabled={index === 0 || update.isPending}
                        onClick={() => void move(index, -1)}
                        aria-label={t("customFields.moveUp", { field: field.label[lang] })}
                      >
                        <IconArrowUp size={16} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        disabled={index === fields.length - 1 || update.isPending}
                        onClick={() => void move(index, 1)}
                        aria-label={t("customFields.moveDown", { field: field.label[lang] })}
                      >
                        <IconArrowDown size={16} aria-hidden />
                      </ActionIcon>
                      <Menu position="bottom-end" withinPortal>
                        <Menu.Target>
                          <ActionIcon
                            variant="subtle"
                            aria-label={t("customFields.actions", { field: field.label[lang] })}
                          >
                            <IconDots size={16} aria-hidden />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          <Menu.Item onClick={() => setDialog({ step: "form", field })}>
                            {t("common.edit")}
                          </Menu.Item>
                          <Menu.Item onClick={() => setDialog({ step: "type", field })}>
                            {t("customFields.typeChange.action")}
                          </Menu.Item>
                          <Menu.Item color="red" onClick={() => setDialog({ step: "delete", field })}>
                            {t("common.delete")}
                          </Menu.Item>
                        </Menu.Dropdown>
                      </Menu>
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {gone.length > 0 && (
        <Stack gap="xs">
          <Text fw={600} size="sm">
            {t("customFields.deletedTitle")}
          </Text>
          <Text size="sm" c="dimmed">
            {t("customFields.deletedHint")}
          </Text>
          {gone.map((field) => (
            <Group key={field.id} gap="sm">
              <Text size="sm">
                {field.label[lang]}{" "}
                <Text span ff="monospace" size="xs" c="dimmed">
                  ({field.key})
                </Text>
              </Text>
              <Button
                size="compact-sm"
                variant="default"
                onClick={() =>
                  restore.mutate(field.id, {
                    onSuccess: () => notifySuccess(t("customFields.restored")),
                    onError: (error) => notifyError(error),
                  })
                }
              >
                {t("customFields.restore")}
              </Button>
              <Button
                size="compact-sm"
                variant="subtle"
                color="red"
                onClick={() => setDialog({ step: "purge", field })}
              >
                {t("customFields.purge")}
              </Button>
            </Group>
          ))}
        </Stack>
      )}

      <Modal
        opened={dialog.step === "form"}
        onClose={close}
        title={
          dialog.step === "form" && dialog.field ? t("customFields.editTitle") : t("customFields.createTitle")
        }
        size="lg"
      >
        {dialog.step === "form" && (
          <CustomFieldForm
            entity={entity}
            field={dialog.field}
            onSaved={() => {
              notifySuccess(t("customFields.saved"));
              close();
            }}
            onCancel={close}
          />
        )}
      </Modal>
      <CustomFieldTypeDialog field={dialog.step === "type" ? dialog.field : null} onClose={close} />
      <ConfirmDialog
        opened={dialog.step === "delete"}
        title={
          dialog.step === "delete" ? t("customFields.deleteTitle", { field: dialog.field.label[lang] }) : ""
        }
        message={t("customFields.deleteConfirm")}
        confirmLabel={t("common.delete")}
        loading={remove.isPending}
        onConfirm={() =>
          dialog.step === "delete" &&
          remove.mutate(dialog.field.id, {
            onSuccess: () => {
              notifySuccess(t("customFields.deleted"));
              close();
            },
            onError: (error) => notifyError(error),
          })
        }
        onClose={close}
      />
      <ConfirmDialog
        opened={dialog.step === "purge"}
        title={
          dialog.step === "purge" ? t("customFields.purgeTitle", { field: dialog.field.label[lang] }) : ""
        }
        message={t("customFields.purgeConfirm")}
        confirmLabel={t("customFields.purge")}
        loading={purge.isPending}
        onConfirm={() =>
          dialog.step === "purge" &&
          purge.mutate(dialog.field.id, {
            onSuccess: (result) => {
              notifySuccess(t("customFields.purged", { count: result.purged }));
              close();
            },
            onError: (error) => notifyError(error),
          })
        }
        onClose={close}
      />
    </Stack>
  );
}
