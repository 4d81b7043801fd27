import { Button, Group, type MantineSpacing } from "@mantine/core";
import { notifySuccess } from "@web/components/notify";
import { useTranslation } from "react-i18next";
import type { FormLike } from "./use-stale-guard";

/** What a record page gives the forms that edit it in place. */
export interface RecordEditor<T, U> {
  /** PATCHes the record with the version last read; rejects with the API error. */
  save: (body: Omit<U, "version">) => Promise<T>;
  /** A stale version shows the page's reload banner; field errors go beside the inputs. */
  fail: (error: unknown, form?: FormLike) => void;
}

interface SaveEditOptions {
  fail: (error: unknown, form?: FormLike) => void;
  form: FormLike;
  /** The notification after saving. */
  saved: string;
  /** Closes the form. */
  onDone: () => void;
}

/** Saves an edit form: says so and closes the form, or hands the error to the page. */
export async function saveEdit(save: () => Promise<unknown>, { fail, form, saved, onDone }: SaveEditOptions) {
  try {
    await save();
    notifySuccess(saved);
    onDone();
  } catch (error) {
    fail(error, form);
  }
}

interface FormActionsProps {
  onCancel: () => void;
  submitting: boolean;
  /** The submit button's text; "Save" when left out. */
  submitLabel?: string;
  mt?: MantineSpacing;
}

/** Cancel and submit, at the end of a form. */
export function FormActions({ onCancel, submitting, submitLabel, mt }: FormActionsProps) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" mt={mt}>
      <Button variant="default" onClick={onCancel}>
        {t("common.cancel")}
      </Button>
      <Button type="submit" loading={submitting}>
        {submitLabel ?? t("common.save")}
      </Button>
    </Group>
  );
}
