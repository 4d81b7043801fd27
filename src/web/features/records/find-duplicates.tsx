import { Button } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { type DuplicateItem, DuplicatesModal } from "./duplicates-modal";

interface FindDuplicatesProps<D> {
  recordId: string;
  name: string;
  /** The records' page path, e.g. "/contacts"; merging opens `${basePath}/merge`. */
  basePath: string;
  /** The duplicates hook of the record kind; asks only while the list is open. */
  useDuplicates: (
    id: string,
    enabled: boolean,
  ) => {
    data?: { data: D[] } | undefined;
    isPending: boolean;
    isError: boolean;
    isSuccess: boolean;
    error: unknown;
    refetch: () => Promise<unknown>;
  };
  item: (duplicate: D) => Omit<DuplicateItem, "href">;
}

/** A record page's "Find duplicates" button and the list it opens, with a way into the merge. */
export function FindDuplicates<D>({ recordId, name, basePath, useDuplicates, item }: FindDuplicatesProps<D>) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [opened, modal] = useDisclosure(false);
  const found = useDuplicates(recordId, opened);
  return (
    <>
      <Button variant="default" leftSection={<IconCopy size={16} aria-hidden />} onClick={modal.open}>
        {t("merge.findDuplicates")}
      </Button>
      <DuplicatesModal
        opened={opened}
        onClose={modal.close}
        title={t("merge.duplicatesOf", { name })}
        query={{
          data: found.data?.data.map((d) => {
            const shown = item(d);
            return { ...shown, href: `${basePath}/${shown.id}` };
          }),
          isPending: found.isPending,
          isError: found.isError,
          isSuccess: found.isSuccess,
          error: found.error,
          refetch: found.refetch,
        }}
        onMerge={(other) => void navigate(`${basePath}/merge?survivor=${recordId}&loser=${other}`)}
      />
    </>
  );
}
