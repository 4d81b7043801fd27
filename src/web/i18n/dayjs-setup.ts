// Mantine's date pickers format with dayjs: the German locale and localized formats ("ll") must be
// loaded once before the first picker renders.
import dayjs from "dayjs";
import "dayjs/locale/de";
import localizedFormat from "dayjs/plugin/localizedFormat";

dayjs.extend(localizedFormat);
