import { Alert, Anchor, Button, Group, List, Modal, Select, Stack, Text, Textarea } from "@mantine/core";
import {
  CHOICE_TYPES,
  CUSTOM_FIELD_TYPES,
  type CustomFieldTypeChange,
  type TypeChangeRefusal,
} from "@shared/schemas/custom-field";
import { isApiError } from "@web/api/api-client";
import { notifyError, notifySuccess } from "@web/components/notify";
import { serverMessage } from "@web/components/server-message";
import { useFormat } from "@web/i18n/use-format";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { keyFromLabel } from "./custom-field-form";
import type { CustomField, CustomFieldEntity, CustomFieldType } from "./custom-fields-api";
import { useChangeCustomFieldType } from "./use-custom-fields";

const RECORD_PATH: Record<CustomFieldEntity, string> = {
  lead: "/leads",
  contact: "/contacts",
  company: "/companies",
  deal: "/deals",
};

/** What the dialog shows after a check or a refused change: how many convert, which records do not. */
interface Outcome {
  converted: number | null;
  refusedCount: number;
  refused: TypeChangeRefusal[];
}

/** The refused records of a 422 `cf_type_change_refused` (errors at `records.<id>`, name and value). */
function refusalOf(error: unknown): (Outcome & { message: string }) | null {
  if (!isApiError(error, 422) || error.problem.code !== "cf_type_change_refused") return null;
  const refused = (error.problem.errors ?? []).flatMap((e) => {
    const id = e.path.startsWith("records.") ? e.path.slice("records.".length) : null;
    const { name, value } = e.params ?? {};
    return id ? [{ id, name: String(name ?? id), value: String(value ?? "") }] : [];
  });
  const count = Number(error.problem.params?.count ?? refused.length);
  const message = serverMessage({
    message: error.problem.detail ?? error.message,
    code: error.problem.code,
    params: error.problem.params,
  });
  return { converted: null, refusedCount: count, refused, message };
}

interface TypeDialogProps {
  /** The field whose type changes; none: the dialog is closed. */
  field: CustomField | null;
  onClose: () => void;
}

/**
 * Settings → Custom fields → "Change type" (issue #20): the new type (and its choices), a check that
 * counts what converts and names the records that would not (with links), then the change itself. A
 * refusal (422) shows beside the type with the records; the input stays for another try.
 */
export function CustomFieldTypeDialog({ field, onClose }: TypeDialogProps) {
  const { t } = useTranslation();
  return (
    <Modal opened={field !== null} onClose={onClose} title={t("customFields.typeChange.title")} size="lg">
      {field && <TypeChangeForm key={field.id} field={field} onClose={onClose} />}
    </Modal>
  );
}

function TypeChangeForm({ field, onClose }: { field: CustomField; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language.startsWith("de") ? "de" : "en";
  const { number } = useFormat();
  const change = useChangeCustomFieldType();
  const [type, setType] = useState<CustomFieldType | null>(null);
  const [lines, setLines] = useState(() => field.options.map((o) => o.label[lang]).join("\n"));
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [typeError, setTypeError] = useState<string | null>(null);
  const toChoice = type !== null && CHOICE_TYPES.includes(type);

  /** One option per line; a line naming an existing option keeps it (its key and both labels). */
  const options = () =>
    lines
      .split("\n")
      .map((line) => line.trim())
      .filter(Boolean)
      .map(
        (line) =>
          field.options.find((o) => o.label.de === line || o.label.en === line || o.value === line) ?? {
            value: keyFromLabel(line) || line.slice(0, 40),
            label: { de: line, en: line },
          },
      );

  const send = async (dryRun: boolean) => {
    if (type === null) return;
    setTypeError(null);
    try {
      const result: CustomFieldTypeChange = await change.mutateAsync({
        id: field.id,
        body: { type, dryRun, version: field.version, ...(toChoice && { options: options() }) },
      });
      if (!dryRun) {
        notifySuccess(t("customFields.typeChange.done", { count: result.converted }));
        onClose();
        return;
      }
      setOutcome(result);
    } catch (error) {
      const refusal = refusalOf(error);
      if (refusal) {
        setOutcome(refusal);
        setTypeError(refusal.message);
      } else if (isApiError(error, 422) && error.problem.errors?.some((e) => e.path === "options")) {
        setTypeError(
          serverMessage(error.problem.errors.find((e) => e.path === "options") ?? { message: "" }),
        );
      } else notifyError(error);
    }
  };

  return (
    <Stack gap="md">
      <Text size="sm">
        {t("customFields.typeChange.current", {
          field: field.label[lang],
          type: t(`customFields.types.${field.type}`),
        })}
      </Text>
      <Select
        label={t("customFields.typeChange.newType")}
        data={CUSTOM_FIELD_TYPES.filter((v) => v !== field.type).map((v) => ({
          value: v,
          label: t(`customFields.types.${v}`),
        }))}
        value={type}
        onChange={(value) => {
          setType(CUSTOM_FIELD_TYPES.find((v) => v === value) ?? null);
          setOutcome(null);
          setTypeError(null);
        }}
        error={typeError}
        allowDeselect={false}
        data-autofocus
      />
      {toChoice && (
        <Textarea
          label={t("customFields.options")}
          description={t("customFields.typeChange.optionsHint")}
          value={lines}
          onChange={(event) => {
            setLines(event.currentTarget.value);
            setOutcome(null);
          }}
          autosize
          minRows={3}
          maxRows={8}
        />
      )}
      {outcome && <OutcomeView field={field} outcome={outcome} number={number} />}
      <Group justify="flex-end" gap="sm">
        <Button variant="default" onClick={onClose}>
          {t("common.cancel")}
        </Button>
        <Button
          variant="light"
          disabled={type === null}
          loading={change.isPending && change.variables?.body.dryRun === true}
          onClick={() => void send(true)}
        >
          {t("customFields.typeChange.check")}
        </Button>
        <Button
          disabled={type === null || outcome === null}
          loading={change.isPending && change.variables?.body.dryRun === false}
          onClick={() => void send(false)}
        >
          {t("customFields.typeChange.confirm")}
        </Button>
      </Group>
    </Stack>
  );
}

function OutcomeView({
  field,
  outcome,
  number,
}: {
  field: CustomField;
  outcome: Outcome;
  number: (value: number) => string;
}) {
  const { t } = useTranslation();
  const more = outcome.refusedCount - outcome.refused.length;
  return (
    <Alert
      color={outcome.refusedCount > 0 ? "orange" : "green"}
      title={
        outcome.refusedCount > 0
          ? t("customFields.typeChange.refused", {
              count: outcome.refusedCount,
              formatted: number(outcome.refusedCount),
            })
          : t("customFields.typeChange.allConvert")
      }
    >
      <Stack gap="xs">
        {outcome.converted !== null && (
          <Text size="sm">
            {t("customFields.typeChange.converts", {
              count: outcome.converted,
              formatted: number(outcome.converted),
            })}
          </Text>
        )}
        {outcome.refused.length > 0 && (
          <List size="sm" spacing={2} aria-label={t("customFields.typeChange.refusedList")}>
            {outcome.refused.map((r) => (
              <List.Item key={r.id}>
                <Anchor component={Link} to={`${RECORD_PATH[field.entity]}/${r.id}`} target="_blank">
                  {r.name}
                </Anchor>
                {": "}
                <Text span size="sm" c="dimmed">
                  „{r.value}“
                </Text>
              </List.Item>
            ))}
          </List>
        )}
        {more > 0 && (
          <Text size="sm" c="dimmed">
            {t("customFields.typeChange.more", { count: more, formatted: number(more) })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}
