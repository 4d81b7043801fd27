import type {
  Dashboard,
  ForecastReport,
  FunnelReport,
  HealthReport,
  PipelineReport,
} from "@shared/schemas/report";
import { keepPreviousData, useInfiniteQuery, useQuery } from "@tanstack/react-query";
import { apiRequest } from "@web/api/api-client";

export type { Dashboard, ForecastReport, FunnelReport, HealthReport, PipelineReport };

/** The filters every report takes; days are in the browser's zone, which the server is told. */
export interface ReportFilters {
  from?: string | undefined;
  to?: string | undefined;
  ownerId?: string | undefined;
  pipelineId?: string | undefined;
}

/** The reader's zone: periods and "today" follow it (a deal won 23:30 on 31 March in Berlin is March's). */
export const browserTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";

function query(filters: ReportFilters, more: Record<string, string | undefined> = {}) {
  const entries = Object.entries({ ...filters, ...more, timeZone: browserTimeZone() });
  return Object.fromEntries(
    entries.filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
}

export const reportKeys = {
  all: ["reports"] as const,
  of: (name: string, params: unknown) => ["reports", name, params] as const,
};

const get = <T>(path: string, params: Record<string, string>, signal?: AbortSignal) =>
  apiRequest<T>(`/reports/${path}`, { query: params, signal });

export function useDashboard(filters: ReportFilters) {
  const params = query(filters);
  return useQuery({
    queryKey: reportKeys.of("dashboard", params),
    queryFn: ({ signal }) => get<Dashboard>("dashboard", params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useFunnel(filters: ReportFilters, groupBy: string) {
  const params = query(filters, { groupBy });
  return useQuery({
    queryKey: reportKeys.of("funnel", params),
    queryFn: ({ signal }) => get<FunnelReport>("funnel", params, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePipelineReport(filters: ReportFilters) {
  const params = query(filters);
  return useQuery({
    queryKey: reportKeys.of("pipeline", params),
    queryFn: ({ signal }) => get<PipelineReport>("pipeline", params, signal),
    placeholderData: keepPreviousData,
  });
}

export function useForecast(filters: ReportFilters, asOf?: string | null) {
  const params = query(
    { ownerId: filters.ownerId, pipelineId: filters.pipelineId },
    { asOf: asOf ?? undefined },
  );
  return useQuery({
    queryKey: reportKeys.of("forecast", params),
    queryFn: ({ signal }) => get<ForecastReport>("forecast", params, signal),
  });
}

export function useHealth(filters: ReportFilters, flag: string | undefined) {
  const params = query({ ownerId: filters.ownerId, pipelineId: filters.pipelineId }, { flag, limit: "50" });
  return useInfiniteQuery({
    queryKey: reportKeys.of("health", params),
    queryFn: ({ signal, pageParam }) =>
      get<HealthReport>("health", pageParam ? { ...params, cursor: pageParam } : params, signal),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
