/**
 * Loaded into the app process the soak starts (`node --import tsx --import ./memory-probe.ts
 * src/server/main.ts`): answers the parent's `{ probe: "memory" }` over the IPC channel with this
 * process's `process.memoryUsage()`. RSS alone could come from /proc, but the heap is only visible
 * from inside. Nothing happens without an IPC channel, so the app runs unchanged otherwise.
 */
import type { MemorySample } from "./soak-stats";

process.on("message", (message: unknown) => {
  if (typeof message !== "object" || message === null || !("probe" in message)) return;
  if (message.probe !== "memory") return;
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  const sample: Omit<MemorySample, "atS" | "load1"> = { rss, heapUsed, heapTotal, external };
  process.send?.(sample);
});
// The channel must not keep an app that was told to stop alive.
process.channel?.unref();
