import { Anchor, Group, SegmentedControl, Stack, Text } from "@mantine/core";
import type { activityEmailSchema } from "@shared/schemas/mail";
import { IconPaperclip } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { apiRequest, isApiError } from "@web/api/api-client";
import { useFormat } from "@web/i18n/use-format";
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";

type ActivityEmail = z.infer<typeof activityEmailSchema>;

/** 22 B, 14 KB, 2,5 MB (in the user's number format). */
function fileSize(
  bytes: number,
  number: (value: number, options?: Intl.NumberFormatOptions) => string,
): string {
  const unit = (value: number, name: "byte" | "kilobyte" | "megabyte", digits: number) =>
    number(value, { style: "unit", unit: name, unitDisplay: "short", maximumFractionDigits: digits });
  if (bytes < 1024) return unit(bytes, "byte", 0);
  if (bytes < 1024 * 1024) return unit(bytes / 1024, "kilobyte", 0);
  return unit(bytes / 1024 / 1024, "megabyte", 1);
}

/**
 * The frame's own policy on top of the app's (which it inherits): nothing loads from anywhere (remote
 * images and tracking pixels stay blocked), only inline styles and embedded data: images show.
 */
const FRAME_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:";

/** The stored, sanitised HTML as a document of its own, never as live HTML in the page. */
export const mailDocument = (safeHtml: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${FRAME_CSP}"><base target="_blank"><style>body{font-family:system-ui,sans-serif;font-size:14px;margin:8px;color:#222;background:#fff;word-wrap:break-word}img{max-width:100%}</style></head><body>${safeHtml}</body></html>`;

/**
 * A received mail's HTML in a sandboxed frame: `sandbox=""` gives it an opaque origin with no
 * scripts, forms, popups or top navigation, and `srcdoc` keeps it off the network. A toggle shows the
 * mail's text (the activity's body) instead.
 */
function MailBody({ safeHtml, text, subject }: { safeHtml: string; text: ReactNode; subject: string }) {
  const { t } = useTranslation();
  const [view, setView] = useState<"html" | "text">("html");
  return (
    <Stack gap={6}>
      <SegmentedControl
        size="xs"
        w="fit-content"
        aria-label={t("mail.view.label")}
        value={view}
        onChange={(value) => setView(value === "text" ? "text" : "html")}
        data={[
          { value: "html", label: t("mail.view.html") },
          { value: "text", label: t("mail.view.text") },
        ]}
      />
      {view === "html" ? (
        <iframe
          sandbox=""
          srcDoc={mailDocument(safeHtml)}
          title={t("mail.view.frameTitle", { subject })}
          referrerPolicy="no-referrer"
          style={{
            width: "100%",
            height: 320,
            resize: "vertical",
            border: "1px solid var(--mantine-color-default-border)",
            borderRadius: "var(--mantine-radius-sm)",
            background: "#fff",
          }}
        />
      ) : (
        text
      )}
    </Stack>
  );
}

/**
 * Sender and attachments of a received mail on the timeline. Attachments are links to downloads
 * (the server sends them as application/octet-stream with Content-Disposition: attachment), never
 * shown inline; the mail's text is the activity's body. An email activity typed in by hand has no
 * mail behind it (404): then nothing shows.
 */
export function EmailExtras({
  activityId,
  subject,
  text,
}: {
  activityId: string;
  subject: string;
  /** The activity's body as the timeline renders it: shown as is without HTML, or by the toggle. */
  text: ReactNode;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const email = useQuery({
    queryKey: ["activities", activityId, "email"],
    queryFn: async ({ signal }) => {
      try {
        return await apiRequest<ActivityEmail>(`/activities/${activityId}/email`, { signal });
      } catch (error) {
        if (isApiError(error, 404)) return null;
        throw error;
      }
    },
    staleTime: Number.POSITIVE_INFINITY,
  });
  if (!email.data) return text;
  const { fromName, fromAddress, attachments, safeHtml } = email.data;
  return (
    <>
      <Text size="sm" c="dimmed">
        {t("mail.timeline.from", { from: fromName ? `${fromName} <${fromAddress}>` : fromAddress })}
      </Text>
      {attachments.length > 0 && (
        <Group gap="xs" wrap="wrap" aria-label={t("mail.timeline.attachments")}>
          {attachments.map((file) => (
            <Anchor
              key={file.id}
              size="sm"
              href={`/api/v1/activities/${activityId}/attachments/${file.id}`}
              download={file.filename}
            >
              <Group gap={4} wrap="nowrap" component="span">
                <IconPaperclip size={14} aria-hidden />
                {file.filename} ({fileSize(file.sizeBytes, format.number)})
              </Group>
            </Anchor>
          ))}
        </Group>
      )}
      {safeHtml ? <MailBody safeHtml={safeHtml} text={text} subject={subject} /> : text}
    </>
  );
}
