import net from "node:net";
import { WebSocketServer } from "ws";

export interface Relay {
  /** host:port, as the Neon driver's wsProxy wants it (the driver adds the scheme). */
  url: string;
  close: () => Promise<void>;
}

/**
 * The WebSocket-to-TCP relay the Neon serverless driver speaks (`/v1?address=host:port`), so the
 * Worker reaches a local Postgres exactly as it reaches Neon. Only loopback targets are allowed.
 */
export function startNeonRelay(port: number): Promise<Relay> {
  const wss = new WebSocketServer({ host: "127.0.0.1", port, path: "/v1" });
  wss.on("connection", (socket, request) => {
    const address = new URL(request.url ?? "", "http://relay").searchParams.get("address") ?? "";
    const match = /^(127\.0\.0\.1|localhost):(\d+)$/.exec(address);
    if (!match) {
      socket.close(1008, "only loopback Postgres addresses are relayed");
      return;
    }
    const tcp = net.connect(Number(match[2]), "127.0.0.1");
    tcp.setNoDelay(true);
    const pending: Buffer[] = [];
    tcp.on("connect", () => {
      for (const chunk of pending) tcp.write(chunk);
      pending.length = 0;
    });
    socket.on("message", (data: Buffer) => (tcp.connecting ? pending.push(data) : tcp.write(data)));
    tcp.on("data", (chunk) => socket.send(chunk));
    const closeBoth = () => {
      tcp.destroy();
      if (socket.readyState === socket.OPEN) socket.close();
    };
    tcp.on("close", closeBoth);
    tcp.on("error", closeBoth);
    socket.on("close", closeBoth);
    socket.on("error", closeBoth);
  });
  return new Promise((resolve, reject) => {
    wss.once("error", reject);
    wss.once("listening", () =>
      resolve({
        url: `127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            for (const client of wss.clients) client.terminate();
            wss.close(() => done());
          }),
      }),
    );
  });
}
