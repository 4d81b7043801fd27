import { Checkbox, Modal, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import type { Pipeline } from "@web/features/deals/deals-api";
import { useTranslation } from "react-i18next";
import { defaultPipeline, useCreatePipeline, usePipelines } from "./use-pipelines";

interface PipelineCreateModalProps {
  opened: boolean;
  onClose: () => void;
  onCreated: (pipeline: Pipeline) => void;
}

export function PipelineCreateModal({ opened, onClose, onCreated }: PipelineCreateModalProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t("pipelines.create.title")}>
      {opened && <CreateForm onClose={onClose} onCreated={onCreated} />}
    </Modal>
  );
}

/** A new pipeline starts with the default pipeline's stages (or one stage), to be edited afterwards. */
function CreateForm({ onClose, onCreated }: Omit<PipelineCreateModalProps, "opened">) {
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const template = defaultPipeline(pipelines.data);
  const create = useCreatePipeline();
  const form = useForm({
    initialValues: { name: "", copyStages: true },
    validate: { name: (value) => (value.trim() ? null : t("validation.required")) },
  });

  const submit = form.onSubmit(async (values) => {
    const stages =
      values.copyStages && template
        ? template.stages.map(({ name, probability, rottingDays }) => ({ name, probability, rottingDays }))
        : [{ name: t("pipelines.create.firstStage"), probability: 10, rottingDays: null }];
    try {
      const pipeline = await create.mutateAsync({ name: values.name.trim(), stages });
      notifySuccess(t("pipelines.create.created", { name: pipeline.name }));
      onClose();
      onCreated(pipeline);
    } catch (error) {
      showFormError(form, error);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <TextInput label={t("pipelines.name")} required data-autofocus {...form.getInputProps("name")} />
        {template && (
          <Checkbox
            label={t("pipelines.create.copyStages", { name: template.name })}
            {...form.getInputProps("copyStages", { type: "checkbox" })}
          />
        )}
        <FormActions
          onCancel={onClose}
          submitting={form.submitting}
          submitLabel={t("pipelines.create.submit")}
          mt="xs"
        />
      </Stack>
    </form>
  );
}
