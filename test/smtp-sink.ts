import { once } from "node:events";
import { type AddressInfo, Socket } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/** A mail the sink received: the envelope as the client gave it and the message parsed by mailparser. */
export interface SinkMail {
  envelope: { from: string | null; to: string[] };
  raw: Buffer;
  parsed: ParsedMail;
}

export interface SmtpSink {
  port: number;
  /** Every mail received so far, in order. */
  mails: SinkMail[];
  /** Resolves once `count` mails arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<SinkMail[]>;
  close(): Promise<void>;
}

export interface SmtpSinkOptions {
  /** Listen on this port (e.g. one a test configured before the sink was up); default: a free one. */
  port?: number;
  /** Require this login (AUTH PLAIN/LOGIN over the plain connection: tests only). */
  auth?: { user: string; pass: string };
  /** Refuse every mail with this SMTP answer (e.g. a 4xx outage). */
  refuse?: { code: number; message: string };
  /**
   * Receive the n-th mail (1-based) but never answer it, so its sender waits there (the kill drills
   * stop a process in the middle of sending); it still counts in `mails`.
   */
  holdMail?: number;
}

/**
 * A real SMTP server for tests (smtp-server on 127.0.0.1, plain, no TLS): outgoing mail of the app is
 * sent to it over a socket and read back parsed with mailparser. No mocked mail.
 *
 * ```ts
 * const sink = await startSmtpSink();
 * // configure SMTP { host: "127.0.0.1", port: sink.port, security: "none" }, queue a mail, run the jobs
 * const [mail] = await sink.waitFor(1);
 * expect(mail.parsed.subject).toBe("Angebot");
 * await sink.close();
 * ```
 */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<SmtpSink> {
  const mails: SinkMail[] = [];
  const waiters: { count: number; resolve: (mails: SinkMail[]) => void }[] = [];
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === options.auth?.user && auth.password === options.auth?.pass) {
        callback(null, { user: auth.username });
      } else {
        callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
      }
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (options.refuse) {
          callback(Object.assign(new Error(options.refuse.message), { responseCode: options.refuse.code }));
          return;
        }
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((parsed) => {
            const from = session.envelope.mailFrom;
            mails.push({
              envelope: {
                from: from ? from.address : null,
                to: session.envelope.rcptTo.map((r) => r.address),
              },
              raw,
              parsed,
            });
            for (const waiter of waiters.filter((w) => mails.length >= w.count)) waiter.resolve([...mails]);
            if (mails.length !== options.holdMail) callback();
          })
          .catch((error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
      });
    },
  });
  server.on("error", () => undefined);
  server.listen(options.port ?? 0, "127.0.0.1");
  await once(server.server, "listening");
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    mails,
    waitFor(count, timeoutMs = 10_000) {
      if (mails.length >= count) return Promise.resolve([...mails]);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`smtp sink: ${mails.length} of ${count} mails after ${timeoutMs} ms`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: (received) => {
            clearTimeout(timer);
            resolve(received);
          },
        });
      });
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Whether something accepts connections on the port (e.g. that a closed sink is really gone). */
export async function isListening(port: number): Promise<boolean> {
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
