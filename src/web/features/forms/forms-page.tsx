import { Anchor, Badge, Button, Table, Text } from "@mantine/core";
import { IconPlus } from "@tabler/icons-react";
import { PageHeader } from "@web/components/page-header";
import { QueryStates } from "@web/components/query-states";
import { useFormat } from "@web/i18n/use-format";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { hostedUrl } from "./forms-api";
import { useForms } from "./use-forms";

/** Settings → Forms: every web form with its submissions and the last one. */
export function FormsPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const forms = useForms();
  const rows = forms.data?.data ?? [];
  return (
    <>
      <PageHeader
        order={2}
        title={t("settings.forms")}
        description={t("forms.description")}
        actions={
          <Button component={Link} to="/settings/forms/new" leftSection={<IconPlus size={16} aria-hidden />}>
            {t("forms.create")}
          </Button>
        }
      />
      <QueryStates query={forms} isEmpty={rows.length === 0} emptyText={t("forms.empty")} />
      {rows.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("forms.name")}</Table.Th>
                <Table.Th ta="right">{t("forms.submissions")}</Table.Th>
                <Table.Th>{t("forms.lastSubmission")}</Table.Th>
                <Table.Th>{t("forms.state")}</Table.Th>
                <Table.Th>{t("forms.hostedPage")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((form) => (
                <Table.Tr key={form.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/settings/forms/${form.id}`} size="sm" fw={500}>
                      {form.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm">{format.number(form.submissions.count)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {form.submissions.lastAt ? format.dateTime(form.submissions.lastAt) : "–"}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={form.active ? "green" : "gray"}>
                      {form.active ? t("forms.active") : t("forms.inactive")}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Anchor href={hostedUrl(form.key)} target="_blank" rel="noopener noreferrer" size="sm">
                      {t("forms.open")}
                    </Anchor>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </>
  );
}
