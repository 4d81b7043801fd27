import type { IntakeFieldError } from "@domain/intake/normalise";
import { type FieldError, fieldMessage } from "@server/errors";
import { type Message, type MessageKey, type MessageParams, message } from "@shared/message-codes";

// The normaliser names codes whose values it carries itself (too_long's count); the typed `message`
// cannot see that pairing through a runtime value, so it is called through this wider signature.
const messageOf = message as (key: MessageKey, params?: MessageParams) => Message;

/** A normaliser's `{ path, code, params }` as the API's field error (English text, code, values). */
export function intakeFieldError(error: IntakeFieldError, path: string = error.path): FieldError {
  return fieldMessage(path, messageOf(error.code, error.params));
}
