import { Badge, Group, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useMergedRef } from "@mantine/hooks";
import { FormActions } from "@web/components/form-actions";
import { notifySuccess } from "@web/components/notify";
import { useNumberReader } from "@web/components/number-field";
import { useErrorFocus } from "@web/components/use-error-focus";
import { useInitialFocus } from "@web/components/use-initial-focus";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import {
  changedOnly,
  type InquiryValues,
  inquiryBody,
  inquiryFromLead,
  inquiryValidation,
} from "../lead-form-values";
import { LeadInquiryFields } from "../lead-inquiry-fields";
import { formatLeadMoney } from "../lead-money";
import { LeadCard } from "./lead-card";
import { LeadDataList } from "./lead-data-list";
import { useLeadEditor } from "./lead-editor-context";

export function LeadInquirySection() {
  const { t } = useTranslation();
  const format = useFormat();
  const { lead, readOnly } = useLeadEditor();
  const [editing, setEditing] = useState(false);

  return (
    <LeadCard
      title={t("leads.detail.inquiry")}
      onEdit={readOnly || editing ? undefined : () => setEditing(true)}
    >
      {editing ? (
        <InquiryForm onDone={() => setEditing(false)} />
      ) : (
        <Stack gap="sm">
          {lead.interest && (
            <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
              {lead.interest}
            </Text>
          )}
          <LeadDataList
            items={[
              {
                label: t("leads.fields.source"),
                value: [t(`leads.source.${lead.source}`), lead.sourceDetail].filter(Boolean).join(" · "),
              },
              {
                label: t("leads.fields.estimatedValue"),
                value: formatLeadMoney(format, lead.estimatedValue),
              },
              {
                label: t("leads.fields.tags"),
                value:
                  lead.tags.length > 0 ? (
                    <Group gap={4}>
                      {lead.tags.map((tag) => (
                        <Badge key={tag} size="sm" variant="default" radius="sm" tt="none">
                          {tag}
                        </Badge>
                      ))}
                    </Group>
                  ) : null,
              },
              ...(lead.interest ? [] : [{ label: t("leads.fields.interest"), value: null }]),
            ]}
          />
        </Stack>
      )}
    </LeadCard>
  );
}

function InquiryForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const { lead, save, fail } = useLeadEditor();
  const numbers = useNumberReader();
  const form = useForm<InquiryValues>({
    initialValues: inquiryFromLead(lead, numbers),
    validate: inquiryValidation(numbers),
  });
  const focusRef = useInitialFocus<HTMLFormElement>();

  const errorFocus = useErrorFocus(form);
  const formRef = useMergedRef(focusRef, errorFocus.ref);
  const submit = form.onSubmit(async (values) => {
    try {
      const changes = changedOnly(inquiryBody(values, numbers), (key) => form.isDirty(key));
      if (Object.keys(changes).length > 0) await save(changes);
      notifySuccess(t("leads.detail.saved"));
      onDone();
    } catch (error) {
      fail(error, form);
    }
  });

  return (
    <form onSubmit={submit} onSubmitCapture={errorFocus.arm} noValidate ref={formRef}>
      <Stack gap="md">
        <LeadInquiryFields inputProps={(path) => form.getInputProps(path)} autoFocus />
        <FormActions onCancel={onDone} submitting={form.submitting} />
      </Stack>
    </form>
  );
}
