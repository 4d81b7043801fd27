import { Center, Group, Kbd, Loader, Text, TextInput, VisuallyHidden } from "@mantine/core";
import { useDebouncedValue, useHotkeys, useOs } from "@mantine/hooks";
import { createSpotlight, Spotlight } from "@mantine/spotlight";
import { SEARCH_MIN_LENGTH, type SearchType } from "@shared/schemas/search";
import type { Icon } from "@tabler/icons-react";
import {
  IconAddressBook,
  IconBuilding,
  IconLayoutKanban,
  IconSearch,
  IconTargetArrow,
  IconUserCircle,
} from "@tabler/icons-react";
import { useQuery } from "@tanstack/react-query";
import { QueryError } from "@web/components/query-error";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { globalSearchQuery, groupHits, hitPath } from "./global-search-api";
import "@mantine/spotlight/styles.css";

const ICONS: Record<SearchType, Icon> = {
  lead: IconTargetArrow,
  contact: IconAddressBook,
  company: IconBuilding,
  deal: IconLayoutKanban,
  user: IconUserCircle,
};
/** The group headings: the navigation's names of the areas, so the glossary holds here too. */
const GROUP_KEYS = {
  lead: "nav.leads",
  contact: "nav.contacts",
  company: "nav.companies",
  deal: "nav.deals",
  user: "settings.users",
} as const;

const DEBOUNCE_MS = 200;

/**
 * The global search (issue #15 point 2): a field in the header and a palette (Mantine Spotlight, about
 * 6 kB compressed, so it loads with the shell) opened by it, by Ctrl+K / ⌘K anywhere and by `/`
 * outside text fields. Arrows choose a hit, Enter opens its record, Esc closes.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const os = useOs();
  const [[store, spotlight]] = useState(createSpotlight);
  const [query, setQuery] = useState("");
  const [q] = useDebouncedValue(query.trim(), DEBOUNCE_MS);
  const search = useQuery(globalSearchQuery(q));
  // `/` opens it only outside text fields (Mantine's default tags to ignore); Ctrl+K works everywhere.
  useHotkeys([["/", () => spotlight.open()]]);
  const shortcut = os === "macos" ? "⌘ K" : t("globalSearch.ctrlK");
  const open = (text = "") => {
    setQuery(text);
    spotlight.open();
  };
  const short = query.trim().length < SEARCH_MIN_LENGTH;
  const hits = short ? [] : (search.data?.data ?? []);
  const waiting = !short && (q !== query.trim() || search.isFetching) && hits.length === 0;

  return (
    <>
      <TextInput
        aria-label={t("globalSearch.label")}
        aria-keyshortcuts="Control+K Meta+K /"
        placeholder={t("globalSearch.placeholder")}
        leftSection={<IconSearch size={16} aria-hidden />}
        rightSection={
          <Kbd size="xs" aria-hidden>
            {shortcut}
          </Kbd>
        }
        rightSectionWidth={os === "macos" ? 44 : 64}
        value=""
        onChange={(event) => open(event.currentTarget.value)}
        onClick={() => open()}
        onKeyDown={(event) => {
          if (event.key === "Enter" || event.key === "ArrowDown") open();
        }}
        w={{ base: 160, md: 300 }}
        visibleFrom="xs"
        data-testid="global-search-field"
      />
      <Spotlight.Root
        store={store}
        query={query}
        onQueryChange={setQuery}
        shortcut={["mod + K"]}
        tagsToIgnore={[]}
        triggerOnContentEditable
        clearQueryOnClose
        scrollable
        maxHeight={480}
      >
        <Spotlight.Search
          placeholder={t("globalSearch.placeholder")}
          aria-label={t("globalSearch.label")}
          leftSection={<IconSearch size={18} aria-hidden />}
          rightSection={search.isFetching && !short ? <Loader size="xs" /> : null}
        />
        <Spotlight.ActionsList aria-label={t("globalSearch.results")}>
          {groupHits(hits).map((group) => {
            const TypeIcon = ICONS[group.type];
            const label = t(GROUP_KEYS[group.type]);
            return (
              <Spotlight.ActionsGroup key={group.type} label={label}>
                {group.hits.map((hit) => (
                  <Spotlight.Action key={`${hit.type}:${hit.id}`} onClick={() => void navigate(hitPath(hit))}>
                    {/* With children, an action shows only them: the icon is drawn here. */}
                    <Group wrap="nowrap" gap="sm" style={{ flex: 1, minWidth: 0 }}>
                      <TypeIcon size={20} stroke={1.5} aria-hidden style={{ flexShrink: 0 }} />
                      <div style={{ minWidth: 0 }}>
                        <Text size="sm" fw={500} truncate>
                          {hit.title}
                          <VisuallyHidden>{` (${label})`}</VisuallyHidden>
                        </Text>
                        {hit.subtitle && (
                          <Text size="xs" c="dimmed" truncate>
                            {hit.subtitle}
                          </Text>
                        )}
                      </div>
                    </Group>
                  </Spotlight.Action>
                ))}
              </Spotlight.ActionsGroup>
            );
          })}
          {short && <PaletteNote text={t("globalSearch.hint", { count: SEARCH_MIN_LENGTH })} />}
          {waiting && (
            <Center py="md">
              <Loader size="sm" aria-label={t("app.loading")} />
            </Center>
          )}
          {!short && search.isError && (
            <Center p="sm">
              <QueryError error={search.error} onRetry={() => void search.refetch()} />
            </Center>
          )}
          {!short && !waiting && search.isSuccess && hits.length === 0 && (
            <PaletteNote text={t("globalSearch.noHits", { query: query.trim() })} />
          )}
        </Spotlight.ActionsList>
      </Spotlight.Root>
    </>
  );
}

function PaletteNote({ text }: { text: string }) {
  return (
    <Text size="sm" c="dimmed" ta="center" py="md" role="status">
      {text}
    </Text>
  );
}
