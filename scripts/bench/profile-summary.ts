/**
 * `npx tsx scripts/bench/profile-summary.ts FILE.cpuprofile [TOP=30] [file|fn]`: the self time of a V8
 * CPU profile (`npm run bench -- --cpu-profile DIR`) summed by package or source file (`file`, the
 * default) or by function, as a share of the busy samples (idle left out). The sampler charges wall
 * time: on a loaded machine the syscall a process is preempted in (writev to the database) collects
 * many samples, so read native entries as round trips rather than work.
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, top = "30", mode = "file"] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-summary.ts FILE.cpuprofile [TOP] [file|fn]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => {
  self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});

const where = (url: string) => {
  if (!url) return "(native)";
  const pkg = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  return pkg ? (pkg[1] as string) : url.replace(/^file:\/\/.*?\/(src|scripts)\//, "$1/");
};
const totals = new Map<string, number>();
let idle = 0;
let busy = 0;
for (const [id, micros] of self) {
  const frame = byId.get(id)?.callFrame;
  if (!frame) continue;
  if (frame.functionName === "(idle)") {
    idle += micros;
    continue;
  }
  busy += micros;
  const key =
    mode === "fn"
      ? `${frame.functionName || "(anonymous)"} ${where(frame.url)}:${frame.lineNumber + 1}`
      : where(frame.url);
  totals.set(key, (totals.get(key) ?? 0) + micros);
}
console.log(`busy ${(busy / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms`);
for (const [key, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, Number(top)))
  console.log(
    `${((100 * micros) / busy).toFixed(1).padStart(5)} %  ${(micros / 1000).toFixed(0).padStart(6)} ms  ${key}`,
  );
