/**
 * A TCP relay on 127.0.0.1 in front of a real server (Dovecot in the kill drills): it passes bytes both
 * ways, except that on the first connection whose client sends a command matching `holdAt` it stops
 * passing that client's bytes from the command on. The client then waits for an answer that never
 * comes, at a known point of its work (e.g. an IMAP poll that read a mail but has not flagged it yet).
 * Later connections pass unhindered.
 */
import { once } from "node:events";
import { createServer, type Socket, connect as tcpConnect } from "node:net";

export interface HeldRelay {
  port: number;
  /** Whether a client has been stopped at `holdAt`. */
  holding(): boolean;
  close(): Promise<void>;
}

export async function startHeldRelay(
  target: { host: string; port: number },
  holdAt: RegExp,
): Promise<HeldRelay> {
  let held = false;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => undefined);
  };
  const server = createServer((client) => {
    const upstream = tcpConnect(target.port, target.host);
    track(client);
    track(upstream);
    upstream.pipe(client);
    let stopped = false;
    client.on("data", (chunk: Buffer) => {
      if (stopped) return;
      if (!held && holdAt.test(chunk.toString("latin1"))) {
        held = true;
        stopped = true;
        return;
      }
      upstream.write(chunk);
    });
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  if (!address || typeof address !== "object") throw new Error("no port");
  return {
    port: address.port,
    holding: () => held,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
