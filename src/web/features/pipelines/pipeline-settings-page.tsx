import { Badge, Button, Grid, NavLink, Paper, Stack } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconPlus } from "@tabler/icons-react";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { LostReasonsEditor } from "./lost-reasons-editor";
import { PipelineCreateModal } from "./pipeline-create-modal";
import { PipelineEditor } from "./pipeline-editor";
import { defaultPipeline, usePipelines } from "./use-pipelines";

/** Settings → Pipelines (admin): the pipelines with their stages, and the reasons for lost deals. */
export function PipelineSettingsPage() {
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [createOpened, create] = useDisclosure(false);
  const list = pipelines.data ?? [];
  const selected = list.find((p) => p.id === selectedId) ?? defaultPipeline(list);

  return (
    <>
      <PageHeader
        order={2}
        title={t("settings.pipelines")}
        description={t("pipelines.description")}
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={create.open}>
            {t("pipelines.create.open")}
          </Button>
        }
      />
      <QueryStates query={pipelines} />
      {pipelines.data && (
        <Stack gap="lg">
          <Grid gap="md">
            <Grid.Col span={{ base: 12, md: 3 }}>
              <Paper withBorder radius="md" p={4} component="nav" aria-label={t("pipelines.listLabel")}>
                {list.map((pipeline) => (
                  <NavLink
                    key={pipeline.id}
                    component="button"
                    type="button"
                    label={pipeline.name}
                    description={t("pipelines.stageCount", { count: pipeline.stages.length })}
                    active={pipeline.id === selected?.id}
                    aria-current={pipeline.id === selected?.id ? "true" : undefined}
                    onClick={() => setSelectedId(pipeline.id)}
                    rightSection={
                      pipeline.isDefault ? (
                        <Badge size="xs" variant="light">
                          {t("pipelines.default")}
                        </Badge>
                      ) : undefined
                    }
                    style={{ borderRadius: "var(--mantine-radius-sm)" }}
                  />
                ))}
              </Paper>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 9 }}>
              {selected && (
                <PipelineEditor key={selected.id} pipeline={selected} onDeleted={() => setSelectedId(null)} />
              )}
            </Grid.Col>
          </Grid>
          <LostReasonsEditor />
        </Stack>
      )}
      <PipelineCreateModal
        opened={createOpened}
        onClose={create.close}
        onCreated={(pipeline) => setSelectedId(pipeline.id)}
      />
    </>
  );
}
