/**
 * Loaded into the app process the soak starts (`node --import tsx --import ./memory-probe.ts
 * src/server/main.ts`): answers the parent's `{ probe: "memory" }` over the IPC channel with this
 * process's memory. RSS alone could come from /proc, but the heap is only visible from inside.
 *
 * The heap in use right now follows V8's sawtooth (it lets the old generation grow to a few hundred
 * MB before a full collection halves it), so a leak shows in the heap left after each full
 * collection: a `gc` performance entry of the major kind notes it, without forcing collections that
 * would pause the app. Nothing happens without an IPC channel, so the app runs unchanged otherwise.
 */
import { constants, PerformanceObserver } from "node:perf_hooks";
import type { MemoryUsage } from "./soak-stats";

let liveHeap: number | null = null;
let majorGcs = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    // Node ≥ 16 puts the kind of collection in `detail` (this @types/node does not declare it).
    const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } | null };
    if (detail?.kind !== constants.NODE_PERFORMANCE_GC_MAJOR) continue;
    majorGcs++;
    liveHeap = process.memoryUsage().heapUsed;
  }
}).observe({ entryTypes: ["gc"] });

process.on("message", (message: unknown) => {
  if (typeof message !== "object" || message === null || !("probe" in message)) return;
  if (message.probe !== "memory") return;
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  const usage: MemoryUsage = { rss, heapUsed, heapTotal, external, liveHeap, majorGcs };
  process.send?.(usage);
});
// The channel must not keep an app that was told to stop alive.
process.channel?.unref();
