#!/usr/bin/env node
// Makes sure Dovecot (Debian's dovecot-imapd) is there: the IMAP tests of email-to-lead start a real
// IMAP server from it in a temporary folder (test/imap-server.ts). Installs the package when run as
// root with apt-get, as on CI, the way ensure-chromium.mjs installs Chromium; anyone else is told
// what to install. The system's own Dovecot service is not used (nor started by the tests).
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";

const candidates = process.env.DOVECOT_PATH ? [process.env.DOVECOT_PATH] : ["/usr/sbin/dovecot"];
const imapLogin = "/usr/lib/dovecot/imap-login";

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function findDovecot() {
  for (const file of candidates) {
    if (!isExecutable(file)) continue;
    const result = spawnSync(file, ["--version"], { encoding: "utf8", timeout: 30_000 });
    // Without imap-login (dovecot-core alone) there is no IMAP to test against.
    if (result.status === 0 && isExecutable(imapLogin)) return { file, version: result.stdout.trim() };
  }
  return null;
}

function canInstallWithApt() {
  return process.getuid?.() === 0 && existsSync("/etc/debian_version") && isExecutable("/usr/bin/apt-get");
}

function install() {
  const packages = ["dovecot-imapd"];
  console.log(
    `Dovecot is missing: installing it (apt-get install -y --no-install-recommends ${packages.join(" ")})`,
  );
  // policy-rc.d style: the package's post-install must not start a system-wide Dovecot on port 143.
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive", RUNLEVEL: "1" };
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", ...packages]]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.status !== 0) {
      console.error(`apt-get ${args.join(" ")} failed (exit code ${result.status ?? result.signal}).`);
      return false;
    }
  }
  return true;
}

let found = findDovecot();
if (!found && !process.env.DOVECOT_PATH && canInstallWithApt() && install()) found = findDovecot();
if (found) {
  console.log(`Dovecot: ${found.file} (${found.version})`);
} else {
  console.error(
    [
      "Dovecot is missing, and the IMAP tests of email-to-lead need it.",
      "  On Debian or Ubuntu: sudo apt-get install dovecot-imapd",
      "  Elsewhere: install Dovecot 2.3+ with IMAP and set DOVECOT_PATH=/path/to/dovecot",
      `Looked for: ${candidates.join(", ")} and ${imapLogin}`,
    ].join("\n"),
  );
  process.exitCode = 1;
}
