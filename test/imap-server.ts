/**
 * A real IMAP server for the tests: Dovecot from Debian's packages (scripts/ensure-dovecot.mjs installs
 * `dovecot-imapd`), started like test/postgres-server.ts starts PostgreSQL: in a temporary folder, on
 * a free port of 127.0.0.1, as an unprivileged user when the tests run as root (CI does), with users
 * from a passwd-file and Maildir mailboxes. Mail is delivered into it by IMAP APPEND (imapflow), as a
 * mail server would deliver it. Nothing of the system's Dovecot (its config, its service) is used.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { chown, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { Socket } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";
import { freePort } from "./free-port";

export interface ImapUser {
  user: string;
  pass: string;
}

export interface ImapServer {
  host: string;
  port: number;
  /** Puts a raw RFC 5322 message into the user's folder (IMAP APPEND); answers its UID. */
  deliver(user: ImapUser, raw: string | Buffer, folder?: string): Promise<number>;
  /** A logged-in client for assertions (the caller logs it out). */
  client(user: ImapUser): Promise<ImapFlow>;
  stop(): Promise<void>;
}

const DOVECOT = process.env.DOVECOT_PATH ?? "/usr/sbin/dovecot";
const running = new Map<string, ChildProcess>();
let cleanupInstalled = false;

interface RunAs {
  uid: number;
  gid: number;
  user: string;
  group: string;
}

/** Dovecot runs all its processes as one unprivileged user: nobody when root runs the tests. */
function runAs(): RunAs {
  if (process.getuid?.() !== 0) {
    const me = userInfo();
    const group = execFileSync("id", ["-gn"], { encoding: "utf8" }).trim();
    return { uid: me.uid, gid: me.gid, user: me.username, group };
  }
  const id = (flag: string) => execFileSync("id", [flag, "nobody"], { encoding: "utf8" }).trim();
  return { uid: Number(id("-u")), gid: Number(id("-g")), user: "nobody", group: id("-gn") };
}

function config(base: string, port: number, who: RunAs): string {
  return `
base_dir = ${base}/run
state_dir = ${base}/state
log_path = ${base}/dovecot.log
instance_name = leadwerk-test-${port}
default_internal_user = ${who.user}
default_internal_group = ${who.group}
default_login_user = ${who.user}
first_valid_uid = 1
first_valid_gid = 1
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
# A refused login answers at once (Dovecot waits 2 s by default), so the tests stay quick.
auth_failure_delay = 0
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${base}/passwd
}
userdb {
  driver = static
  args = uid=${who.uid} gid=${who.gid} home=${base}/home/%u
}
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
  mailbox Processed {
    auto = create
  }
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service auth-worker {
  user = $default_internal_user
}
service log {
  user = $default_internal_user
}
`;
}

async function listening(port: number): Promise<boolean> {
  const socket = new Socket();
  try {
    socket.connect(port, "127.0.0.1");
    await once(socket, "connect");
    return true;
  } catch {
    return false;
  } finally {
    socket.destroy();
  }
}

function installExitCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on("exit", () => {
    for (const [base, child] of running) {
      child.kill("SIGTERM");
      rmSync(base, { recursive: true, force: true });
    }
  });
}

export async function startImapServer(users: ImapUser[]): Promise<ImapServer> {
  if (!existsSync(DOVECOT)) {
    throw new Error(
      `Dovecot is missing (${DOVECOT}): run node scripts/ensure-dovecot.mjs (as root) or install dovecot-imapd`,
    );
  }
  const who = runAs();
  const base = await mkdtemp(path.join(tmpdir(), "leadwerk-imap-"));
  const port = await freePort();
  for (const dir of ["run", "state", "home"]) await mkdir(path.join(base, dir));
  await writeFile(path.join(base, "passwd"), users.map((u) => `${u.user}:{PLAIN}${u.pass}\n`).join(""), {
    mode: 0o600,
  });
  await writeFile(path.join(base, "dovecot.conf"), config(base, port, who));
  for (const file of ["", "run", "state", "home", "passwd", "dovecot.conf"]) {
    await chown(path.join(base, file), who.uid, who.gid);
  }
  const child = spawn(DOVECOT, ["-F", "-c", path.join(base, "dovecot.conf")], {
    uid: who.uid,
    gid: who.gid,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (output += d.toString()));
  running.set(base, child);
  installExitCleanup();
  const stop = async () => {
    running.delete(base);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
    await rm(base, { recursive: true, force: true });
  };
  const deadline = Date.now() + 20_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const log = existsSync(path.join(base, "dovecot.log"))
        ? readFileSync(path.join(base, "dovecot.log"), "utf8")
        : "";
      await stop();
      throw new Error(`Dovecot did not start: ${output}\n${log}`.slice(0, 4000));
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const client = async (user: ImapUser) => {
    const imap = new ImapFlow({
      host: "127.0.0.1",
      port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: user.user, pass: user.pass },
      logger: false,
    });
    imap.on("error", () => undefined);
    await imap.connect();
    return imap;
  };
  return {
    host: "127.0.0.1",
    port,
    client,
    async deliver(user, raw, folder = "INBOX") {
      const imap = await client(user);
      try {
        const result = await imap.append(folder, raw);
        if (!result || typeof result === "boolean" || result.uid === undefined)
          throw new Error("APPEND gave no UID");
        return result.uid;
      } finally {
        await imap.logout();
      }
    },
    stop,
  };
}
