import {
  WEBHOOK_ENTITIES,
  WEBHOOK_EVENT_GROUPS,
  type WebhookEventType,
} from "@domain/webhooks/webhook-events";
import { Checkbox, Fieldset, SimpleGrid, Stack, Switch, Textarea, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { useTranslation } from "react-i18next";
import { useCreateWebhook, useUpdateWebhook } from "./use-webhooks";
import type { Webhook, WebhookWithSecret } from "./webhooks-api";

interface WebhookFormProps {
  /** The subscription being edited; none: a new one. */
  webhook?: Webhook | undefined;
  onCreated: (created: WebhookWithSecret) => void;
  onSaved: () => void;
  onCancel: () => void;
}

/** Create or edit a subscription: URL, description, on/off, and the events as checkboxes per record type. */
export function WebhookForm({ webhook, onCreated, onSaved, onCancel }: WebhookFormProps) {
  const { t } = useTranslation();
  const create = useCreateWebhook();
  const update = useUpdateWebhook();
  const form = useForm({
    initialValues: {
      url: webhook?.url ?? "https://",
      description: webhook?.description ?? "",
      active: webhook?.active ?? true,
      events: (webhook?.events ?? []) as string[],
    },
    validate: {
      url: (value) => (value.trim() && value.trim() !== "https://" ? null : t("validation.required")),
      events: (value) => (value.length > 0 ? null : t("serverErrors.webhook_events_required")),
    },
  });

  const submit = form.onSubmit(async (values) => {
    const body = {
      url: values.url.trim(),
      description: values.description.trim() || null,
      active: values.active,
      events: values.events,
    };
    try {
      if (webhook) {
        await update.mutateAsync({ id: webhook.id, body: { ...body, version: webhook.version } });
        onSaved();
      } else onCreated(await create.mutateAsync(body));
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label={t("webhooks.url")}
          description={t("webhooks.urlHint")}
          required
          data-autofocus
          type="url"
          {...form.getInputProps("url")}
        />
        <Textarea
          label={t("webhooks.descriptionLabel")}
          description={t("webhooks.descriptionHint")}
          autosize
          minRows={1}
          maxRows={3}
          {...form.getInputProps("description")}
        />
        <Checkbox.Group label={t("webhooks.eventsLabel")} required {...form.getInputProps("events")}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" mt="xs">
            {WEBHOOK_ENTITIES.map((entity) => (
              <Fieldset key={entity} legend={t(`webhooks.groups.${entity}`)} variant="filled" p="sm">
                <Stack gap={6}>
                  {WEBHOOK_EVENT_GROUPS[entity].map((type: WebhookEventType) => (
                    <Checkbox key={type} value={type} label={t(`webhooks.events.${type}`)} />
                  ))}
                </Stack>
              </Fieldset>
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Switch label={t("webhooks.active")} {...form.getInputProps("active", { type: "checkbox" })} />
        <FormActions
          onCancel={onCancel}
          submitting={form.submitting}
          submitLabel={webhook ? undefined : t("common.create")}
        />
      </Stack>
    </form>
  );
}
