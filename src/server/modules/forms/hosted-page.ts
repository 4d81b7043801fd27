import { UTM_KEYS } from "@domain/intake/intake-types";
import type { FieldError } from "@server/errors";
import type { WebForm } from "@shared/schemas/form";
import escapeHtml from "escape-html";
import { errorText, INPUTS, PAGE_TEXTS } from "./hosted-page-texts";
import { CONSENT, HONEYPOT, type Lang, START_TOKEN } from "./submit-form.service";

/** What a page needs of a form (the row's columns, typed). */
export interface PageForm {
  key: string;
  name: string;
  fields: WebForm["fields"];
  consentText: WebForm["consentText"];
  policyVersion: string | null;
  thankYouText: WebForm["thankYouText"];
}

export interface FormPageState {
  lang: Lang;
  embed: boolean;
  token: string;
  values?: Record<string, string> | undefined;
  errors?: FieldError[] | undefined;
  /** A message above the form (too fast, too many). */
  notice?: string | undefined;
  utm?: Record<string, string> | undefined;
  consentChecked?: boolean | undefined;
}

// Every value from a visitor or a form's settings goes through escapeHtml: the page is text, never markup.
const e = (value: string | number) => escapeHtml(String(value));

function shell(lang: Lang, title: string, body: string, embed: boolean): string {
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${e(title)}</title>
<link rel="stylesheet" href="/f/form.css">
</head>
<body class="${embed ? "lw-embed" : "lw-page"}">
<main class="lw-form">
${body}
</main>
${embed ? '<script src="/f/frame.js"></script>' : ""}
</body>
</html>`;
}

/** The hosted form: works without JavaScript, re-shows what was typed and each error beside its field. */
export function renderFormPage(form: PageForm, state: FormPageState): string {
  const t = PAGE_TEXTS[state.lang];
  const errors = new Map((state.errors ?? []).map((x) => [x.path, x]));
  const query = new URLSearchParams({ lang: state.lang, ...(state.embed ? { embed: "1" } : {}) });
  const parts: string[] = [`<h1>${e(form.name)}</h1>`];
  if (state.notice) parts.push(`<p class="lw-notice" role="alert">${e(state.notice)}</p>`);
  else if (errors.size > 0) parts.push(`<p class="lw-notice" role="alert">${e(t.errorsTitle)}</p>`);
  parts.push(`<form method="post" action="/f/${e(form.key)}?${e(query.toString())}" accept-charset="utf-8">`);
  parts.push(`<input type="hidden" name="${START_TOKEN}" value="${e(state.token)}">`);
  for (const key of UTM_KEYS) {
    const value = state.utm?.[key];
    if (value) parts.push(`<input type="hidden" name="${key}" value="${e(value)}">`);
  }
  // The honeypot: hidden from people (CSS, aria-hidden, no tab stop), tempting to bots.
  parts.push(
    `<div class="lw-hp" aria-hidden="true"><label>${e(t.honeypot)}<input type="text" name="${HONEYPOT}" tabindex="-1" autocomplete="off"></label></div>`,
  );
  for (const f of form.fields) {
    const id = `lw-${f.field}`;
    const input = INPUTS[f.field];
    const value = state.values?.[f.field] ?? "";
    const error = errors.get(f.field);
    const described = error ? ` aria-invalid="true" aria-describedby="${id}-error"` : "";
    const required = f.required ? " required" : "";
    const label = `${e(f.label[state.lang])}${f.required ? ` <span class="lw-req" title="${e(t.required)}">*</span>` : ""}`;
    const control = input.multiline
      ? `<textarea id="${id}" name="${f.field}" rows="4"${required}${described}>${e(value)}</textarea>`
      : `<input id="${id}" name="${f.field}" type="${input.type}" autocomplete="${input.autocomplete}" value="${e(value)}"${required}${described}>`;
    parts.push(
      `<div class="lw-field${error ? " lw-has-error" : ""}"><label for="${id}">${label}</label>${control}${
        error
          ? `<p class="lw-error" id="${id}-error">${e(errorText(state.lang, error.code, error.params))}</p>`
          : ""
      }</div>`,
    );
  }
  if (form.consentText) {
    const error = errors.get(CONSENT);
    const version = form.policyVersion
      ? ` <span class="lw-version">(${e(t.policyVersion)} ${e(form.policyVersion)})</span>`
      : "";
    parts.push(
      `<div class="lw-field lw-consent${error ? " lw-has-error" : ""}"><label><input type="checkbox" name="${CONSENT}" value="on" required${
        state.consentChecked ? " checked" : ""
      }${error ? ` aria-invalid="true" aria-describedby="lw-consent-error"` : ""}> <span>${e(form.consentText[state.lang])}${version}</span></label>${
        error ? `<p class="lw-error" id="lw-consent-error">${e(errorText(state.lang, error.code))}</p>` : ""
      }</div>`,
    );
  }
  parts.push(`<button type="submit">${e(t.send)}</button>`, "</form>");
  return shell(state.lang, form.name, parts.join("\n"), state.embed);
}

export function renderThanksPage(form: PageForm, lang: Lang, embed: boolean): string {
  const text = form.thankYouText?.[lang] ?? PAGE_TEXTS[lang].thanks;
  return shell(
    lang,
    form.name,
    `<h1>${e(form.name)}</h1>\n<p class="lw-thanks" role="status">${e(text)}</p>`,
    embed,
  );
}

export function renderMessagePage(lang: Lang, text: string, embed: boolean): string {
  return shell(lang, text, `<p class="lw-notice" role="alert">${e(text)}</p>`, embed);
}

/** The page's stylesheet (served as /f/form.css, so the page needs no inline style under its CSP). */
export const FORM_CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f6f7f9}
body.lw-embed{background:transparent}
.lw-form{max-width:560px;margin:0 auto;padding:24px 20px}
.lw-page .lw-form{margin:32px auto;background:#fff;border:1px solid #dde1e6;border-radius:8px}
h1{font-size:1.4rem;margin:0 0 16px}
.lw-field{margin:0 0 14px}
.lw-field>label{display:block;font-weight:600;margin:0 0 4px}
input[type=text],input[type=email],input[type=tel],textarea{width:100%;padding:8px 10px;border:1px solid #b6bdc6;border-radius:6px;font:inherit;background:#fff}
input:focus,textarea:focus{outline:2px solid #1c7ed6;outline-offset:1px}
.lw-has-error input,.lw-has-error textarea{border-color:#c92a2a}
.lw-error{color:#c92a2a;margin:4px 0 0;font-size:.9rem}
.lw-req{color:#c92a2a}
.lw-consent label{display:flex;gap:8px;align-items:flex-start;font-weight:400}
.lw-consent input{margin-top:4px}
.lw-version{color:#57606a;font-size:.9rem}
.lw-notice{background:#fff4e6;border:1px solid #ffc078;border-radius:6px;padding:10px 12px;margin:0 0 16px}
.lw-thanks{font-size:1.1rem}
button{background:#1c7ed6;color:#fff;border:0;border-radius:6px;padding:10px 20px;font:inherit;font-weight:600;cursor:pointer}
button:hover{background:#1971c2}
.lw-hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
`;

/** In an embedded frame: tells the embedding page the frame's height (served as /f/frame.js). */
export const FRAME_JS = `(function(){
  function send(){ parent.postMessage({ leadwerkFormHeight: document.documentElement.scrollHeight }, "*"); }
  window.addEventListener("load", send);
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.body);
})();
`;

/**
 * The embed script a website loads with the snippet (served as /f/embed.js): puts the form's frame
 * where the script tag stands, hands the page's UTM parameters and language to it, and sizes it.
 */
export const EMBED_JS = `(function(){
  var script = document.currentScript;
  if (!script) return;
  var key = script.getAttribute("data-leadwerk-form");
  if (!key) return;
  var origin = new URL(script.src).origin;
  var page = new URLSearchParams(window.location.search);
  var query = new URLSearchParams({ embed: "1" });
  var lang = script.getAttribute("data-lang") || (document.documentElement.lang || navigator.language || "de").slice(0, 2).toLowerCase();
  query.set("lang", lang === "en" ? "en" : "de");
  ${JSON.stringify(UTM_KEYS)}.forEach(function (name) { var v = page.get(name); if (v) query.set(name, v); });
  var frame = document.createElement("iframe");
  frame.src = origin + "/f/" + encodeURIComponent(key) + "?" + query.toString();
  frame.title = script.getAttribute("data-title") || "Form";
  frame.style.width = "100%";
  frame.style.border = "0";
  frame.style.minHeight = "420px";
  script.parentNode.insertBefore(frame, script);
  window.addEventListener("message", function (event) {
    if (event.origin !== origin || event.source !== frame.contentWindow) return;
    var height = event.data && event.data.leadwerkFormHeight;
    if (typeof height === "number" && height > 0) frame.style.height = Math.ceil(height) + "px";
  });
})();
`;
