import { notifySuccess } from "@web/components/notify";
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
