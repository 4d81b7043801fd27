#!/usr/bin/env node
// Makes sure the Chromium that the e2e tests drive is there: CHROMIUM_PATH, else Debian's
// /usr/bin/chromium (or chromium-browser). Installs Debian's package when run as root with apt-get,
// as on CI; anyone else is told what to install. Playwright's own browser download is not used
// because its download host can't be reached from every machine that runs the tests.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";

// An explicit CHROMIUM_PATH is the only candidate, as in playwright.config.ts.
const candidates = process.env.CHROMIUM_PATH
  ? [process.env.CHROMIUM_PATH]
  : ["/usr/bin/chromium", "/usr/bin/chromium-browser"];

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The version line, or null when the file is missing or does not run (Ubuntu's snap stub, say). */
function version(file) {
  if (!isExecutable(file)) return null;
  const result = spawnSync(file, ["--version"], { encoding: "utf8", timeout: 30_000 });
  return result.status === 0 ? result.stdout.trim() : null;
}

function findChromium() {
  for (const file of candidates) {
    const found = version(file);
    if (found) return { file, version: found };
  }
  return null;
}

function canInstallWithApt() {
  return process.getuid?.() === 0 && existsSync("/etc/debian_version") && isExecutable("/usr/bin/apt-get");
}

function install() {
  // Without recommends: they add udev, upower, a notification daemon and printer tools, none of
  // which headless tests need; the fonts are the one recommended package screenshots do need.
  const packages = ["chromium", "fonts-liberation"];
  console.log(
    `Chromium is missing: installing it (apt-get install -y --no-install-recommends ${packages.join(" ")})`,
  );
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", ...packages]]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(" ")} failed (exit code ${result.status ?? result.signal}).`);
      return false;
    }
  }
  return true;
}

let found = findChromium();
if (!found && process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH=${process.env.CHROMIUM_PATH} is not an executable Chromium that runs.`);
}
if (!found && !process.env.CHROMIUM_PATH && canInstallWithApt() && install()) found = findChromium();
if (found) {
  console.log(`Chromium: ${found.file} (${found.version})`);
} else {
  console.error(
    [
      "Chromium is missing, and the end-to-end tests need it.",
      "  On Debian or Ubuntu: sudo apt-get install chromium   (Ubuntu's snap-only chromium-browser does not work here)",
      "  Elsewhere: install Chromium or Google Chrome and set CHROMIUM_PATH=/path/to/the/browser",
      `Looked for: ${candidates.join(", ")}`,
    ].join("\n"),
  );
  process.exitCode = 1;
}
