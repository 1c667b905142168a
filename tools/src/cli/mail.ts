// `npm run mail [-- --limit N] [-- --to address]`: the emails the local shop sent, newest first, with
// their text (the HTML is in the mailbox page: http://localhost:8025). `npm run mail -- --outbox`:
// the outbox's state (pending, sent, failed…) from the database; `--undelivered` only the dead letters.
import { parseArgs } from "node:util";
import { localConfig } from "../platform/local-config";
import type { Mail } from "../platform/mail-emulator/server";
import { connectToShopDatabase } from "../platform/shop-database";

const { values } = parseArgs({
  options: {
    limit: { type: "string", default: "10" },
    to: { type: "string" },
    outbox: { type: "boolean", default: false },
    undelivered: { type: "boolean", default: false },
  },
});
const limit = Number(values.limit);

if (values.outbox || values.undelivered) {
  const client = await connectToShopDatabase();
  try {
    const { rows } = await client.query<{
      id: number;
      created_at: Date;
      kind: string;
      recipient: string;
      status: string;
      attempts: number;
      last_error: string | null;
    }>(
      `SELECT id, created_at, kind, recipient, status, attempts, last_error FROM outbox
       ${values.undelivered ? "WHERE status IN ('failed', 'unknown')" : ""} ORDER BY id DESC LIMIT $1`,
      [limit],
    );
    if (rows.length === 0) console.log(values.undelivered ? "No undelivered email: every message reached the sender." : "The outbox is empty.");
    for (const m of rows) {
      console.log(
        `#${m.id} ${m.created_at.toISOString()} ${m.kind} → ${m.recipient}: ${m.status} after ${m.attempts} attempt(s)${m.last_error ? ` (${m.last_error})` : ""}`,
      );
    }
  } finally {
    await client.end();
  }
} else {
  const mailbox = `http://127.0.0.1:${localConfig().mailPort}`;
  const query = values.to ? `?to=${encodeURIComponent(values.to)}` : "";
  const answer = await fetch(`${mailbox}/_emulator/messages${query}`).catch(() => undefined);
  if (!answer?.ok) {
    console.error(`No mailbox answers on ${mailbox}: start the shop with npm start (it runs the mail emulator), or use --outbox to read the database.`);
    process.exit(1);
  }
  const { data } = (await answer.json()) as { data: Mail[] };
  if (data.length === 0) console.log("The mailbox is empty: no order was placed and no account email was sent yet.");
  for (const m of data.slice(0, limit)) console.log(`── ${m.receivedAt} · to ${m.to.join(", ")}\n${m.subject}\n\n${m.text}\n`);
  console.log(`The mailbox with each message's HTML: http://localhost:${localConfig().mailPort}`);
}
