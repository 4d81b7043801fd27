import {
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { isApiError } from "@web/api/api-client";
import { notifyError, notifySuccess } from "@web/components/notify";
import { QueryStates } from "@web/components/query-states";
import { SectionCard } from "@web/components/section-card";
import { serverMessage } from "@web/components/server-message";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { emailTemplatesApi, type QuoteEmailTemplates, type QuoteEmailTemplatesResponse } from "./quotes-api";

const templatesKey = ["settings", "quote-email-templates"] as const;
const VARIANTS = ["de.formal", "de.informal", "en.formal", "en.informal"] as const;
type Variant = (typeof VARIANTS)[number];
const LABEL_KEYS = {
  "de.formal": "deFormal",
  "de.informal": "deInformal",
  "en.formal": "enFormal",
  "en.informal": "enInformal",
} as const;

const split = (variant: Variant) => {
  const [locale, formality] = variant.split(".") as ["de" | "en", "formal" | "informal"];
  return { locale, formality };
};

/** Settings → Letterhead: the email a quote is sent with, per language and Sie/Du, with a preview. */
export function EmailTemplatesCard() {
  const { t } = useTranslation();
  const query = useQuery({ queryKey: templatesKey, queryFn: ({ signal }) => emailTemplatesApi.get(signal) });
  return (
    <SectionCard title={t("emailTemplates.title")}>
      <Text size="sm" c="dimmed" mb="sm">
        {t("emailTemplates.description")}
      </Text>
      <QueryStates query={query} compact />
      {query.data && <TemplatesForm data={query.data} />}
    </SectionCard>
  );
}

function TemplatesForm({ data }: { data: QuoteEmailTemplatesResponse }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [templates, setTemplates] = useState<QuoteEmailTemplates>(data.templates);
  const [variant, setVariant] = useState<Variant>("de.formal");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [preview, setPreview] = useState<{ subject: string; body: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const body = useRef<HTMLTextAreaElement>(null);
  const { locale, formality } = split(variant);
  const current = templates[locale][formality];

  const change = (part: Partial<{ subject: string; body: string }>) => {
    setTemplates((all) => ({ ...all, [locale]: { ...all[locale], [formality]: { ...current, ...part } } }));
    setPreview(null);
  };
  const insert = (name: string) => {
    const el = body.current;
    const token = `{{${name}}}`;
    const at = el ? el.selectionStart : current.body.length;
    const end = el ? el.selectionEnd : at;
    change({ body: current.body.slice(0, at) + token + current.body.slice(end) });
  };
  const problemErrors = (error: unknown, prefix: string) => {
    if (!isApiError(error) || !error.problem.errors?.length) return notifyError(error);
    setErrors(Object.fromEntries(error.problem.errors.map((e) => [`${prefix}${e.path}`, serverMessage(e)])));
    const first = error.problem.errors[0]?.path ?? "";
    const match = VARIANTS.find((v) => `${prefix}${first}`.startsWith(`${v}.`));
    if (match) setVariant(match);
  };

  const save = async () => {
    setBusy(true);
    setErrors({});
    try {
      const saved = await emailTemplatesApi.update(templates);
      client.setQueryData(templatesKey, saved);
      notifySuccess(t("emailTemplates.saved"));
    } catch (error) {
      problemErrors(error, "");
    } finally {
      setBusy(false);
    }
  };
  const showPreview = async () => {
    setErrors({});
    try {
      setPreview(await emailTemplatesApi.preview({ locale, formality, ...current }));
    } catch (error) {
      problemErrors(error, `${variant}.`);
    }
  };

  return (
    <Stack gap="sm">
      <SegmentedControl
        aria-label={t("emailTemplates.variant")}
        value={variant}
        onChange={(v) => {
          setVariant(v as Variant);
          setPreview(null);
        }}
        data={VARIANTS.map((v) => ({ value: v, label: t(`emailTemplates.${LABEL_KEYS[v]}`) }))}
      />
      <TextInput
        label={t("emailTemplates.subject")}
        value={current.subject}
        error={errors[`${variant}.subject`]}
        onChange={(e) => change({ subject: e.currentTarget.value })}
      />
      <Textarea
        ref={body}
        label={t("emailTemplates.body")}
        autosize
        minRows={6}
        value={current.body}
        error={errors[`${variant}.body`]}
        onChange={(e) => change({ body: e.currentTarget.value })}
      />
      <Stack gap={4}>
        <Text size="xs" c="dimmed">
          {t("emailTemplates.placeholders")}
        </Text>
        <Group gap={6}>
          {data.placeholders.map((name) => (
            <Badge
              key={name}
              component="button"
              type="button"
              variant="light"
              tt="none"
              style={{ cursor: "pointer" }}
              onClick={() => insert(name)}
            >
              {`{{${name}}}`}
            </Badge>
          ))}
        </Group>
      </Stack>
      {preview && (
        <Paper
          withBorder
          p="sm"
          radius="sm"
          aria-label={t("emailTemplates.previewTitle")}
          component="section"
        >
          <Text size="xs" c="dimmed">
            {t("emailTemplates.previewTitle")}
          </Text>
          <Text fw={600} size="sm" mt={4}>
            {preview.subject}
          </Text>
          <Text size="sm" mt={4} style={{ whiteSpace: "pre-wrap" }}>
            {preview.body}
          </Text>
        </Paper>
      )}
      <Group justify="space-between">
        <Button variant="subtle" onClick={() => change(data.defaults[locale][formality])}>
          {t("emailTemplates.reset")}
        </Button>
        <Group gap="xs">
          <Button variant="default" onClick={() => void showPreview()}>
            {t("emailTemplates.preview")}
          </Button>
          <Button onClick={() => void save()} loading={busy}>
            {t("common.save")}
          </Button>
        </Group>
      </Group>
    </Stack>
  );
}
