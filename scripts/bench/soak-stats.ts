/** The soak's figures and checks (issue #21 point 4), pure so that they read like the goal. */

export const SOAK_P99_GOAL_MS = 300;
/** After the warm-up the app's memory may drift by at most this share of its mean. */
export const SOAK_MEMORY_TOLERANCE = 0.1;

/** What the probe in the app process reports (memory-probe.ts). */
export interface MemoryUsage {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  /** Heap in use just after the latest full (major) collection: what the app really holds. */
  liveHeap: number | null;
  /** Full collections so far. */
  majorGcs: number;
}

export interface MemorySample extends MemoryUsage {
  /** Seconds since the load began. */
  atS: number;
  /** The machine's one-minute load average when the sample was taken. */
  load1: number;
}

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(latencies: readonly number[]): Percentiles {
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
  return { count: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) };
}

export interface Drift {
  samples: number;
  mean: number;
  /** The least-squares line's rise over the window, as a share of the mean (0.05 = 5 % up). */
  fittedDrift: number;
  /** (max − min) ÷ min of the samples: the sawtooth of the garbage collector shows up here. */
  spread: number;
}

/** How much a series of samples grows over its window, by a least-squares line through it. */
export function drift(points: readonly { x: number; y: number }[]): Drift {
  const n = points.length;
  const mean = points.reduce((sum, p) => sum + p.y, 0) / n;
  const meanX = points.reduce((sum, p) => sum + p.x, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const p of points) {
    sxy += (p.x - meanX) * (p.y - mean);
    sxx += (p.x - meanX) ** 2;
  }
  const slope = sxx === 0 ? 0 : sxy / sxx;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const window = n === 0 ? 0 : Math.max(...xs) - Math.min(...xs);
  const min = Math.min(...ys);
  return {
    samples: n,
    mean,
    fittedDrift: mean === 0 ? 0 : (slope * window) / mean,
    spread: min > 0 ? Math.max(...ys) / min - 1 : Number.NaN,
  };
}

export interface Check {
  name: string;
  pass: boolean;
  detail: string;
}

/** Growth of the highest value from the first half of a window to the second (0.05 = 5 % higher). */
export function peakGrowth(values: readonly number[]): number {
  const half = Math.floor(values.length / 2);
  const first = Math.max(...values.slice(0, half));
  const second = Math.max(...values.slice(half));
  return first > 0 ? second / first - 1 : Number.NaN;
}

const pct = (n: number) => `${(n * 100).toFixed(1)} %`;

/**
 * The issue's three goals: no errors, p99 ≤ 300 ms for every operation, memory flat after warm-up.
 * Memory is judged where the garbage collector's sawtooth does not hide a trend: RSS by its peaks
 * (the second half's highest against the first half's), the heap by what each full collection left
 * (a least-squares line through those values). The heap in use at the samples is reported, not judged.
 */
export function soakChecks(
  operations: readonly { name: string; errors: number; stats: Percentiles }[],
  memory: readonly MemorySample[],
  warmupS: number,
): Check[] {
  const errors = operations.reduce((sum, o) => sum + o.errors, 0);
  const slow = operations.filter((o) => !(o.stats.p99 <= SOAK_P99_GOAL_MS));
  const later = memory.filter((s) => s.atS >= warmupS);
  const rss = later.map((s) => s.rss);
  const rssPeaks = peakGrowth(rss);
  const rssLine = drift(later.map((s) => ({ x: s.atS, y: s.rss })));
  // Only collections during the judged window count (the app's first ones ran before any load), and
  // each once: the first sample that shows it.
  const before = memory.filter((s) => s.atS < warmupS).at(-1)?.majorGcs ?? 0;
  const afterGc = later.filter(
    (s, i) => s.liveHeap !== null && s.majorGcs > before && s.majorGcs !== later[i - 1]?.majorGcs,
  );
  const live = drift(afterGc.map((s) => ({ x: s.atS, y: s.liveHeap ?? 0 })));
  const collections = (later.at(-1)?.majorGcs ?? before) - before;
  return [
    { name: "0 errors", pass: errors === 0, detail: `${errors} errors` },
    {
      name: `p99 ≤ ${SOAK_P99_GOAL_MS} ms for every operation`,
      pass: slow.length === 0,
      detail:
        slow.length === 0
          ? `highest p99 ${Math.max(...operations.map((o) => o.stats.p99)).toFixed(1)} ms`
          : `over: ${slow.map((o) => `${o.name} ${o.stats.p99.toFixed(1)} ms`).join(", ")}`,
    },
    {
      name: `RSS flat within ${pct(SOAK_MEMORY_TOLERANCE)} after warm-up (peaks)`,
      pass: rss.length >= 4 && rssPeaks <= SOAK_MEMORY_TOLERANCE,
      detail:
        rss.length >= 4
          ? `peak of the second half ${pct(rssPeaks)} against the first over ${rss.length} samples ` +
            `(least-squares drift ${pct(rssLine.fittedDrift)}, max/min ${pct(rssLine.spread)})`
          : `only ${rss.length} samples after the warm-up`,
    },
    {
      name: `heap after full collections flat within ${pct(SOAK_MEMORY_TOLERANCE)} after warm-up`,
      pass: afterGc.length >= 3 && live.fittedDrift <= SOAK_MEMORY_TOLERANCE,
      detail:
        afterGc.length >= 3
          ? `least-squares drift ${pct(live.fittedDrift)} over ${afterGc.length} samples after ` +
            `${collections} full collections (max/min ${pct(live.spread)})`
          : `${collections} full collections after the warm-up, seen in ${afterGc.length} samples; ` +
            "a line needs 3: run longer",
    },
  ];
}
