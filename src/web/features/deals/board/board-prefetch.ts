import { queryClient } from "@web/api/query-client";
import type { LoaderFunctionArgs } from "react-router";
import { boardFilterParams, readBoardFilters } from "./board-params";
import { boardKeys, fetchBoard, PER_COLUMN } from "./use-board";
import { PIPELINE_STORAGE_KEY } from "./use-board-filters";

function storedPipeline(): string | null {
  try {
    const value: unknown = JSON.parse(localStorage.getItem(PIPELINE_STORAGE_KEY) ?? "null");
    return typeof value === "string" ? value : null;
  } catch {
    return null;
  }
}

/**
 * The /deals route's loader: asks for the board the page will show (the pipeline in the URL, else
 * the remembered one, with the URL's filters) as soon as the address is known, side by side with
 * the session check, the language and the page's own code, instead of after the page's first
 * render (#21 point 3). It does not wait for the answer; the page's query (same key) takes it up.
 */
export function prefetchBoardLoader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const pipelineId = url.searchParams.get("pipeline") ?? storedPipeline();
  if (!pipelineId) return null;
  const params = boardFilterParams(readBoardFilters((key) => url.searchParams.get(key)));
  void queryClient.prefetchQuery({
    queryKey: boardKeys.board(pipelineId, params),
    queryFn: ({ signal }) => fetchBoard(pipelineId, { ...params, perColumn: PER_COLUMN }, signal),
  });
  return null;
}
