import { Anchor, Group, Text } from "@mantine/core";
import type { activityEmailSchema } from "@shared/schemas/mail";
import { IconPaperclip } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { apiRequest, isApiError } from "@web/api/api-client";
import { useFormat } from "@web/i18n/use-format";
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
 * Sender and attachments of a received mail on the timeline. Attachments are links to downloads
 * (the server sends them as application/octet-stream with Content-Disposition: attachment), never
 * shown inline; the mail's text is the activity's body. An email activity typed in by hand has no
 * mail behind it (404): then nothing shows.
 */
export function EmailExtras({ activityId }: { activityId: string }) {
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
  if (!email.data) return null;
  const { fromName, fromAddress, attachments } = email.data;
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
    </>
  );
}
