import {
  Button,
  Checkbox,
  Paper,
  SegmentedControl,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { BuilderValues } from "./form-builder-values";

/**
 * How the hosted form will look, updated while editing. Labels and texts are shown as text, exactly
 * as the hosted page escapes them.
 */
export function FormPreview({ values }: { values: BuilderValues }) {
  const { t, i18n } = useTranslation();
  const [lang, setLang] = useState<"de" | "en">(i18n.language.startsWith("en") ? "en" : "de");
  const page = i18n.getFixedT(lang);
  return (
    <Paper withBorder p="lg" radius="md" aria-label={t("forms.preview")}>
      <Stack gap="sm">
        <SegmentedControl
          size="xs"
          value={lang}
          onChange={(value) => setLang(value === "en" ? "en" : "de")}
          data={[
            { value: "de", label: t("forms.german") },
            { value: "en", label: t("forms.english") },
          ]}
          aria-label={t("forms.previewLanguage")}
        />
        <Title order={3}>{values.name || t("forms.untitled")}</Title>
        {values.fields.map((f) =>
          f.field === "interest" ? (
            <Textarea
              key={f.field}
              label={f.label[lang]}
              required={f.required}
              readOnly
              autosize
              minRows={3}
            />
          ) : (
            <TextInput key={f.field} label={f.label[lang]} required={f.required} readOnly />
          ),
        )}
        {values.consent && (
          <Checkbox
            readOnly
            label={
              <Text size="sm" component="span">
                {values.consentText[lang]}
                {values.policyVersion && (
                  <Text span c="dimmed" size="sm">
                    {" "}
                    ({page("forms.policyVersionShort")} {values.policyVersion})
                  </Text>
                )}
              </Text>
            }
          />
        )}
        <Button type="button" tabIndex={-1} style={{ alignSelf: "flex-start" }}>
          {page("forms.send")}
        </Button>
      </Stack>
    </Paper>
  );
}
