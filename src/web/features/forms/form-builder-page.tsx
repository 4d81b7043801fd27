import {
  ActionIcon,
  Alert,
  Checkbox,
  Grid,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { FORM_FIELDS, type FormFieldName } from "@shared/schemas/form";
import { IconArrowDown, IconArrowUp, IconTrash } from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { FormActions } from "@web/components/form-actions";
import { showFormError } from "@web/components/form-errors";
import { notifySuccess } from "@web/components/notify";
import { NumberField, useNumberReader } from "@web/components/number-field";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useTeams } from "@web/features/teams/use-teams";
import { loadBothLanguages } from "@web/i18n/i18n";
import { useTranslation } from "react-i18next";
import { useNavigate, useParams } from "react-router";
import { EmbedSnippet } from "./embed-snippet";
import { type BuilderValues, defaultLabel, initialValues, requestBody } from "./form-builder-values";
import { FormPreview } from "./form-preview";
import type { WebForm } from "./forms-api";
import { useSaveForm, useWebForm } from "./use-forms";

const WHOLE = { maximumFractionDigits: 0, min: 0 } as const;

/** Settings → Forms → one form: the builder, its live preview and, once saved, the embed code. */
export function FormBuilderPage() {
  const { id } = useParams();
  const editing = id !== undefined && id !== "new";
  const form = useWebForm(editing ? id : undefined);
  // The builder writes German and English labels; only the user's language came with the app.
  const languages = useQuery({ queryKey: ["i18n", "both"], queryFn: loadBothLanguages, staleTime: Infinity });
  if (!languages.data) return <QueryStates query={languages} />;
  if (editing && !form.data) return <QueryStates query={form} />;
  return <FormBuilder key={form.data?.id ?? "new"} form={form.data} />;
}

function FormBuilder({ form: saved }: { form: WebForm | undefined }) {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const numbers = useNumberReader();
  const teams = useTeams();
  const save = useSaveForm();
  const de = i18n.getFixedT("de");
  const en = i18n.getFixedT("en");
  const form = useForm<BuilderValues>({
    initialValues: initialValues(saved, de, en),
    validate: {
      name: (v) => (v.trim() ? null : t("validation.required")),
      minFillSeconds: (v) => numbers.error(v, { ...WHOLE, max: 120 }),
      limitPerClient: (v) => numbers.error(v, { ...WHOLE, min: 1, max: 1000 }),
      limitPerForm: (v) => numbers.error(v, { ...WHOLE, min: 1, max: 100_000 }),
    },
  });
  const values = form.getValues();
  const unused = FORM_FIELDS.filter((f) => !values.fields.some((x) => x.field === f));
  const fieldName = (f: FormFieldName) => defaultLabel(f, t, t).de;

  const submit = form.onSubmit(async (v) => {
    const read = (text: string) => {
      const reading = numbers.read(text, WHOLE);
      return reading.kind === "number" ? reading.value : 0;
    };
    try {
      const result = await save.mutateAsync({
        id: saved?.id ?? null,
        body: {
          ...requestBody(v, {
            minFillSeconds: read(v.minFillSeconds),
            limitPerClient: read(v.limitPerClient),
            limitPerForm: read(v.limitPerForm),
          }),
          ...(saved ? { version: saved.version } : {}),
        },
      });
      notifySuccess(t("forms.saved", { name: result.name }));
      if (!saved) void navigate(`/settings/forms/${result.id}`, { replace: true });
    } catch (error) {
      showFormError(form, error);
    }
  });

  const move = (from: number, to: number) => form.reorderListItem("fields", { from, to });

  return (
    <>
      <PageHeader
        order={2}
        title={saved ? saved.name : t("forms.create")}
        description={t("forms.builderHint")}
      />
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <form onSubmit={submit} noValidate aria-label={t("forms.builder")}>
            <Stack gap="lg">
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput label={t("forms.name")} required data-autofocus {...form.getInputProps("name")} />
                <TextInput
                  label={t("forms.campaign")}
                  description={t("forms.campaignHint")}
                  {...form.getInputProps("campaign")}
                />
                <Select
                  label={t("forms.team")}
                  description={t("forms.teamHint")}
                  clearable
                  data={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
                  {...form.getInputProps("teamId")}
                />
                <Switch
                  mt="xl"
                  label={t("forms.activeLabel")}
                  {...form.getInputProps("active", { type: "checkbox" })}
                />
              </SimpleGrid>

              <Paper withBorder p="md" radius="md">
                <Title order={4}>{t("forms.fields")}</Title>
                <Text size="sm" c="dimmed" mb="sm">
                  {t("forms.fieldsHint")}
                </Text>
                <Stack gap="xs">
                  {values.fields.map((f, index) => (
                    <Group
                      key={f.field}
                      gap="xs"
                      align="flex-end"
                      wrap="nowrap"
                      data-testid={`field-${f.field}`}
                    >
                      <Text size="sm" fw={500} w={130} pb={8}>
                        {fieldName(f.field)}
                      </Text>
                      <TextInput
                        label={t("forms.labelDe")}
                        flex={1}
                        {...form.getInputProps(`fields.${index}.label.de`)}
                      />
                      <TextInput
                        label={t("forms.labelEn")}
                        flex={1}
                        {...form.getInputProps(`fields.${index}.label.en`)}
                      />
                      <Checkbox
                        label={t("forms.required")}
                        pb={8}
                        {...form.getInputProps(`fields.${index}.required`, { type: "checkbox" })}
                      />
                      <ActionIcon
                        variant="subtle"
                        mb={4}
                        disabled={index === 0}
                        aria-label={t("forms.moveUp", { field: fieldName(f.field) })}
                        onClick={() => move(index, index - 1)}
                      >
                        <IconArrowUp size={16} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        mb={4}
                        disabled={index === values.fields.length - 1}
                        aria-label={t("forms.moveDown", { field: fieldName(f.field) })}
                        onClick={() => move(index, index + 1)}
                      >
                        <IconArrowDown size={16} aria-hidden />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mb={4}
                        aria-label={t("forms.removeField", { field: fieldName(f.field) })}
                        onClick={() => form.removeListItem("fields", index)}
                      >
                        <IconTrash size={16} aria-hidden />
                      </ActionIcon>
                    </Group>
                  ))}
                  {form.errors.fields && (
                    <Text size="sm" c="red">
                      {form.errors.fields}
                    </Text>
                  )}
                  {unused.length > 0 && (
                    <Select
                      label={t("forms.addField")}
                      placeholder={t("forms.addFieldPlaceholder")}
                      data={unused.map((f) => ({ value: f, label: fieldName(f) }))}
                      value={null}
                      searchable
                      maw={320}
                      onChange={(value) => {
                        const f = FORM_FIELDS.find((x) => x === value);
                        if (f)
                          form.insertListItem("fields", {
                            field: f,
                            label: defaultLabel(f, de, en),
                            required: false,
                          });
                      }}
                    />
                  )}
                </Stack>
              </Paper>

              <Paper withBorder p="md" radius="md">
                <Stack gap="sm">
                  <Switch
                    label={t("forms.consent")}
                    {...form.getInputProps("consent", { type: "checkbox" })}
                  />
                  {values.consent && (
                    <>
                      <SimpleGrid cols={{ base: 1, sm: 2 }}>
                        <Textarea
                          label={t("forms.consentDe")}
                          autosize
                          minRows={2}
                          {...form.getInputProps("consentText.de")}
                        />
                        <Textarea
                          label={t("forms.consentEn")}
                          autosize
                          minRows={2}
                          {...form.getInputProps("consentText.en")}
                        />
                      </SimpleGrid>
                      <Switch
                        label={t("forms.doubleOptIn")}
                        description={t("forms.doubleOptInHint")}
                        {...form.getInputProps("doubleOptIn", { type: "checkbox" })}
                      />
                      <TextInput
                        label={t("forms.policyVersion")}
                        description={t("forms.policyVersionHint")}
                        maw={240}
                        {...form.getInputProps("policyVersion")}
                      />
                    </>
                  )}
                </Stack>
              </Paper>

              <Paper withBorder p="md" radius="md">
                <Stack gap="sm">
                  <Title order={4}>{t("forms.afterSending")}</Title>
                  <Switch
                    label={t("forms.ownThankYou")}
                    {...form.getInputProps("thankYou", { type: "checkbox" })}
                  />
                  {values.thankYou && (
                    <SimpleGrid cols={{ base: 1, sm: 2 }}>
                      <Textarea
                        label={t("forms.thankYouDe")}
                        autosize
                        minRows={2}
                        {...form.getInputProps("thankYouText.de")}
                      />
                      <Textarea
                        label={t("forms.thankYouEn")}
                        autosize
                        minRows={2}
                        {...form.getInputProps("thankYouText.en")}
                      />
                    </SimpleGrid>
                  )}
                  <TextInput
                    label={t("forms.redirectUrl")}
                    description={t("forms.redirectHint")}
                    placeholder="https://www.example.com/danke"
                    {...form.getInputProps("redirectUrl")}
                  />
                  <TagsInput
                    label={t("forms.allowedOrigins")}
                    description={t("forms.allowedOriginsHint")}
                    placeholder="https://www.example.com"
                    {...form.getInputProps("allowedOrigins")}
                  />
                </Stack>
              </Paper>

              <Paper withBorder p="md" radius="md">
                <Title order={4} mb="sm">
                  {t("forms.spamProtection")}
                </Title>
                <SimpleGrid cols={{ base: 1, sm: 3 }}>
                  <NumberField
                    label={t("forms.minFillSeconds")}
                    rules={{ ...WHOLE, max: 120 }}
                    {...form.getInputProps("minFillSeconds")}
                  />
                  <NumberField
                    label={t("forms.limitPerClient")}
                    rules={{ ...WHOLE, min: 1, max: 1000 }}
                    {...form.getInputProps("limitPerClient")}
                  />
                  <NumberField
                    label={t("forms.limitPerForm")}
                    rules={{ ...WHOLE, min: 1, max: 100_000 }}
                    {...form.getInputProps("limitPerForm")}
                  />
                </SimpleGrid>
              </Paper>

              <FormActions
                onCancel={() => void navigate("/settings/forms")}
                submitting={form.submitting}
                submitLabel={saved ? t("common.save") : t("common.create")}
              />
            </Stack>
          </form>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg" pos="sticky" top={80}>
            <Title order={4}>{t("forms.preview")}</Title>
            <FormPreview values={values} />
            {saved ? (
              <Paper withBorder p="md" radius="md">
                <Title order={4} mb="sm">
                  {t("forms.embed")}
                </Title>
                <EmbedSnippet form={saved} />
              </Paper>
            ) : (
              <Alert color="gray">{t("forms.embedAfterSave")}</Alert>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
