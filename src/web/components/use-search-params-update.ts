import { useSearchParams } from "react-router";

/** The URL a list wrote last and the URL it built that on (one tab has one router). */
let pending: { from: string; written: URLSearchParams } | null = null;

/**
 * The URL's search parameters and a way to change some of them, replacing the history entry.
 * React Router's own functional update builds on the parameters of the last render, so a second
 * change made before the first one's navigation has landed (a choice picked in the filter drawer,
 * then a number typed; a filter, then a sort) would drop the first. This builds on what was written
 * last until the router shows a URL other than the one that write started from.
 */
export function useSearchParamsUpdate() {
  const [params, setParams] = useSearchParams();
  const update = (change: (next: URLSearchParams) => void) => {
    const from = params.toString();
    const next = new URLSearchParams(pending?.from === from ? pending.written : params);
    change(next);
    pending = { from, written: next };
    setParams(next, { replace: true });
  };
  return [params, update] as const;
}
