import { INTAKE_TEXT_FIELDS } from "@domain/intake/intake-types";
import { msg } from "@shared/message-codes";
import { z } from "zod";
import { idSchema, isoDateTime, versionField } from "./common";

/** The lead fields a form may ask for (never owner, status, score or team). */
export const FORM_FIELDS = [...INTAKE_TEXT_FIELDS, "vatId"] as const;
export type FormFieldName = (typeof FORM_FIELDS)[number];
/** A form must let the visitor say who they are: at least one of these. */
export const FORM_WHO_FIELDS = ["lastName", "companyName", "email", "phone", "mobile"] as const;

const text = (max: number) =>
  z
    .string()
    .trim()
    .min(1, msg("required"))
    .max(max, msg("too_long", { count: max }));
export const bilingualSchema = (max: number) =>
  z.strictObject({ de: text(max), en: text(max) }).describe("German and English text");

export const formFieldSchema = z.strictObject({
  field: z.enum(FORM_FIELDS),
  label: bilingualSchema(120),
  required: z.boolean().default(false),
});

/** An origin as browsers send it: scheme, host and port, no path ("https://www.example.com"). */
export const originSchema = z
  .string()
  .trim()
  .max(200)
  .refine((v) => {
    try {
      const url = new URL(v);
      return (url.protocol === "https:" || url.protocol === "http:") && url.origin === v.replace(/\/$/, "");
    } catch {
      return false;
    }
  }, msg("form_origin_invalid"))
  .transform((v) => v.replace(/\/$/, ""));

/** The form's settings without defaults: a PATCH changes only what it names. */
const formBody = {
  name: text(120),
  fields: z.array(formFieldSchema).min(1, msg("form_needs_who")).max(30),
  campaign: z.string().trim().max(100).nullish().describe("Written into each lead's source detail"),
  teamId: idSchema.nullish().describe("The team its leads go to; routing rules decide without one"),
  consentText: bilingualSchema(2000)
    .nullish()
    .describe("With a text, the form shows a required consent checkbox"),
  policyVersion: z.string().trim().max(40).nullish(),
  thankYouText: bilingualSchema(1000).nullish(),
  redirectUrl: z.url().max(500).nullish().describe("After sending; must start with an allowed origin"),
  allowedOrigins: z.array(originSchema).max(20).describe("Websites that may embed and post the form"),
  minFillSeconds: z.number().int().min(0).max(120).describe("Faster submissions are refused (default 3)"),
  limitPerClient: z
    .number()
    .int()
    .min(1)
    .max(1000)
    .describe("Submissions per address in 10 minutes (default 10)"),
  limitPerForm: z.number().int().min(1).max(100_000).describe("Submissions in 10 minutes (default 1000)"),
  doubleOptIn: z.boolean(),
  active: z.boolean(),
};

export const createFormSchema = z.strictObject({
  ...formBody,
  allowedOrigins: formBody.allowedOrigins.default([]),
  minFillSeconds: formBody.minFillSeconds.default(3),
  limitPerClient: formBody.limitPerClient.default(10),
  limitPerForm: formBody.limitPerForm.default(1000),
  doubleOptIn: formBody.doubleOptIn.default(false),
  active: formBody.active.default(true),
});
export type CreateFormInput = z.infer<typeof createFormSchema>;
export const updateFormSchema = z
  .strictObject(formBody)
  .partial()
  .extend({ version: versionField.optional() });
export type UpdateFormInput = z.infer<typeof updateFormSchema>;

const bilingualResponse = z.object({ de: z.string(), en: z.string() });
export const formSchema = z.object({
  id: idSchema,
  key: z.string().describe("The public key: /f/{key} and POST /api/v1/public/forms/{key}"),
  name: z.string(),
  fields: z.array(z.object({ field: z.enum(FORM_FIELDS), label: bilingualResponse, required: z.boolean() })),
  campaign: z.string().nullable(),
  teamId: idSchema.nullable(),
  consentText: bilingualResponse.nullable(),
  policyVersion: z.string().nullable(),
  thankYouText: bilingualResponse.nullable(),
  redirectUrl: z.string().nullable(),
  allowedOrigins: z.array(z.string()),
  minFillSeconds: z.number().int(),
  limitPerClient: z.number().int(),
  limitPerForm: z.number().int(),
  doubleOptIn: z.boolean(),
  active: z.boolean(),
  version: z.number().int(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  submissions: z.object({ count: z.number().int(), lastAt: isoDateTime.nullable() }),
});
export type WebForm = z.infer<typeof formSchema>;
export const formListSchema = z.object({ data: z.array(formSchema), nextCursor: z.string().nullable() });
