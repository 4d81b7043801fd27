import type { FunnelStep } from "@domain/reports/funnel";

/*
 * The lists behind the numbers (#18: every number one click from its records), in the URL filters
 * the lead and deal lists read (lead-list-params.ts, deal-list-params.ts).
 */
const withParams = (path: string, params: Record<string, string | null | undefined>) => {
  const search = new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""),
  );
  const text = search.toString();
  return text ? `${path}?${text}` : path;
};

export interface LinkScope {
  ownerId?: string | undefined;
  mine?: boolean;
}

const owner = (scope: LinkScope) => ({ ownerId: scope.ownerId, mine: scope.mine ? "true" : undefined });

export const funnelStepLink = (step: FunnelStep, from: string, to: string, scope: LinkScope = {}) =>
  withParams("/leads", { funnelStep: step, createdFrom: from, createdTo: to, ...owner(scope) });

export const leadStatusLink = (status: string, scope: LinkScope = {}) =>
  withParams("/leads", { status, ...owner(scope) });

export const stageLink = (pipelineId: string | null, stageId: string, scope: LinkScope = {}) =>
  withParams("/deals/list", { pipeline: pipelineId, stageId, ...owner(scope) });

export const closedLink = (status: "won" | "lost", from: string, to: string, scope: LinkScope = {}) =>
  withParams("/deals/list", { status, closedFrom: from, closedTo: to, ...owner(scope) });

export const forecastLink = (
  bucket: { closeFrom: string | null; closeTo: string | null; key: string },
  scope: LinkScope & { pipelineId?: string | undefined } = {},
) =>
  bucket.key === "none"
    ? null
    : withParams("/deals/list", {
        pipeline: scope.pipelineId,
        closeFrom: bucket.closeFrom,
        closeTo: bucket.closeTo,
        ...owner(scope),
      });

export const healthLink = (flag: string | null, scope: LinkScope = {}) =>
  withParams("/reports", { tab: "health", flag, ...owner(scope) });
