import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { WEBHOOK_TIMEOUT_MS } from "@domain/webhooks/webhook-events";
import { Webhook } from "standardwebhooks";
import type { TargetCheck } from "./webhook-target";

export type SendResult =
  | { ok: true; status: number; durationMs: number }
  | {
      ok: false;
      status: number | null;
      durationMs: number;
      code: "webhook_http_status" | "webhook_redirect" | "webhook_timeout" | "webhook_connect_failed";
      error: string | null;
    };

/** Standard Webhooks' three headers: `webhook-id`, `webhook-timestamp` (seconds), `webhook-signature` v1. */
export function signedHeaders(
  secret: string,
  messageId: string,
  at: Date,
  body: string,
): Record<string, string> {
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": new Webhook(secret).sign(messageId, at, body),
  };
}

/**
 * POSTs one signed payload to the checked address: the socket's `lookup` answers with the address
 * `checkTarget` approved (TLS still verifies the host name), redirects are not followed, and the
 * answer's body is not read beyond what the socket holds.
 */
export function postWebhook(
  target: Extract<TargetCheck, { ok: true }>,
  headers: Record<string, string>,
  body: string,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const pinned: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const client = target.url.protocol === "https:" ? https : http;
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const request = client.request(
      target.url,
      {
        method: "POST",
        lookup: pinned,
        agent: false,
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "Leadwerk-Webhooks/1",
        },
      },
      (response) => {
        const status = response.statusCode ?? 0;
        response.resume();
        request.destroy();
        if (status >= 200 && status < 300) finish({ ok: true, status, durationMs: elapsed() });
        else
          finish({
            ok: false,
            status,
            durationMs: elapsed(),
            code: status >= 300 && status < 400 ? "webhook_redirect" : "webhook_http_status",
            error: null,
          });
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, status: null, durationMs: elapsed(), code: "webhook_timeout", error: null });
      request.destroy();
    }, timeoutMs);
    request.on("error", (error) =>
      finish({
        ok: false,
        status: null,
        durationMs: elapsed(),
        code: "webhook_connect_failed",
        error: (error as NodeJS.ErrnoException).code ?? error.message.slice(0, 200),
      }),
    );
    request.end(body);
  });
}
