import { Center, Loader } from "@mantine/core";
import { useTranslation } from "react-i18next";

/** Shown while the first route's loaders (setup status, session) answer. */
export function FullPageLoader() {
  const { t } = useTranslation();
  return (
    <Center mih="100vh">
      <Loader aria-label={t("app.loading")} />
    </Center>
  );
}
