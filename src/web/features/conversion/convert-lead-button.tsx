import { Button } from "@mantine/core";
import { IconTransform } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ConvertDialog } from "./convert-dialog";

/** The lead page's "Convert" action (sales, managers and admins; the server checks too). */
export function ConvertLeadButton({ leadId, leadName }: { leadId: string; leadName: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        variant="filled"
        color="teal"
        leftSection={<IconTransform size={16} aria-hidden />}
        onClick={() => setOpened(true)}
      >
        {t("conversion.action")}
      </Button>
      <ConvertDialog leadId={leadId} leadName={leadName} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}
