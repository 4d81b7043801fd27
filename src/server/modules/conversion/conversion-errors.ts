import { AppError, ruleViolationOf } from "@server/errors";
import {
  codeOfIssue,
  type IssueFacts,
  message,
  messageCodeOf,
  msg,
  readMessage,
} from "@shared/message-codes";
import type { z } from "zod";

/**
 * Runs one step of the conversion and moves its field errors under the request's part (`ownerId` of the
 * contact step becomes `contact.create.ownerId`), so the dialog shows them beside the right field.
 */
export async function underPath<T>(prefix: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof AppError && error.errors?.length) {
      throw error.under(prefix);
    }
    throw error;
  }
}

/**
 * The prefill merged with the overrides must still make a valid record (a lead without a last name
 * makes no contact): 422 with each problem at `prefix.<field>`.
 */
export function parseMerged<S extends z.ZodType>(schema: S, value: unknown, prefix: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const errors = parsed.error.issues.map((issue) => {
    const message =
      issue.path.length === 1 && issue.code === "invalid_type" ? msg("required") : issue.message;
    return {
      path: [prefix, ...issue.path.map(String)].join("."),
      message,
      // A schema's own message is read back into its code; zod's by its kind, from the bound fields
      // (origin, minimum, …) codeOfIssue knows.
      ...(messageCodeOf(message) ??
        codeOfIssue({ keyword: issue.code, message, params: issue as IssueFacts["params"] })),
    };
  });
  const first = errors[0];
  throw ruleViolationOf(first ? readMessage(first.message) : message("invalid:data"), errors);
}
