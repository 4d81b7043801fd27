import { useLocalStorage } from "@mantine/hooks";
import { useState } from "react";
import { useLocation, useNavigate, useNavigationType, useSearchParams } from "react-router";
import { type BoardFilters, boardFilterParams, readBoardFilters } from "./board-params";

export const PIPELINE_STORAGE_KEY = "leadwerk.board.pipeline";

interface BoardUrlState {
  filters: BoardFilters;
  /** A pipeline named in the URL (a shared link); otherwise the last one chosen on this browser. */
  pipelineId: string | null;
}

function readableQuery(params: Record<string, string>): string {
  const pairs = Object.entries(params).map(
    ([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value).replaceAll("%2C", ",")}`,
  );
  return pairs.length > 0 ? `?${pairs.join("&")}` : "";
}

/**
 * Filters and the pipeline live in the URL, so a reload or a shared link shows the same board; the
 * last pipeline chosen is also remembered in localStorage for the next visit without a link.
 * Like the lead list, the screen reads its own state written together with the URL, so two quick
 * changes don't build on a URL the router has not landed yet.
 */
export function useBoardFilters() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const navigationType = useNavigationType();
  const fromUrl = (): BoardUrlState => ({
    filters: readBoardFilters((key) => searchParams.get(key)),
    pipelineId: searchParams.get("pipeline"),
  });
  const [state, setState] = useState(fromUrl);
  const [seenLocation, setSeenLocation] = useState(location.key);
  if (seenLocation !== location.key) {
    setSeenLocation(location.key);
    if (navigationType !== "REPLACE") setState(fromUrl());
  }
  const [storedPipeline, setStoredPipeline] = useLocalStorage<string | null>({
    key: PIPELINE_STORAGE_KEY,
    defaultValue: null,
    getInitialValueInEffect: false,
  });

  const write = (next: BoardUrlState) => {
    setState(next);
    const params = boardFilterParams(next.filters);
    const search = readableQuery(next.pipelineId ? { pipeline: next.pipelineId, ...params } : params);
    void navigate({ search }, { replace: true });
  };

  return {
    filters: state.filters,
    pipelineId: state.pipelineId ?? storedPipeline,
    setFilters: (patch: Partial<BoardFilters>) =>
      write({ ...state, filters: { ...state.filters, ...patch } }),
    replaceFilters: (filters: BoardFilters) => write({ ...state, filters }),
    setPipelineId: (pipelineId: string) => {
      setStoredPipeline(pipelineId);
      write({ ...state, pipelineId });
    },
  };
}
