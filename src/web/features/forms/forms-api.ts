import type { Page } from "@shared/schemas/common";
import type {
  CreateFormInput,
  createFormSchema,
  UpdateFormInput,
  updateFormSchema,
  WebForm,
} from "@shared/schemas/form";
import { apiRequest } from "@web/api/api-client";
import type { z } from "zod";

export type CreateFormRequest = z.input<typeof createFormSchema>;
export type UpdateFormRequest = z.input<typeof updateFormSchema>;
export type { CreateFormInput, UpdateFormInput, WebForm };

export const formsApi = {
  list: (signal?: AbortSignal) => apiRequest<Page<WebForm>>("/forms", { query: { limit: 200 }, signal }),
  get: (id: string, signal?: AbortSignal) =>
    apiRequest<WebForm>(`/forms/${encodeURIComponent(id)}`, { signal }),
  create: (body: CreateFormRequest) => apiRequest<WebForm>("/forms", { method: "POST", body }),
  update: (id: string, body: UpdateFormRequest) =>
    apiRequest<WebForm>(`/forms/${encodeURIComponent(id)}`, { method: "PATCH", body }),
};

/** Where the app is reached: the hosted form and the embed script live there. */
export const appOrigin = () => window.location.origin;

export const hostedUrl = (key: string) => `${appOrigin()}/f/${encodeURIComponent(key)}`;

/** The snippet a website pastes: the embed script, and a plain frame for browsers without JavaScript. */
export function embedSnippet(form: Pick<WebForm, "key" | "name">): string {
  const origin = appOrigin();
  const key = form.key.replace(/[^A-Za-z0-9_-]/g, "");
  const title = form.name.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return [
    `<script src="${origin}/f/embed.js" data-leadwerk-form="${key}" data-title="${title}" async></script>`,
    `<noscript><iframe src="${origin}/f/${key}?embed=1" title="${title}" width="100%" height="720" style="border:0"></iframe></noscript>`,
  ].join("\n");
}
