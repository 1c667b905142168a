// `npm run outbox [-- --limit N]`: the messages the shop would have emailed (order confirmations,
// refunds, cancellations; account emails with their verification and reset links), newest first,
// from the local shop's database (or DATABASE_URL).
import { parseArgs } from "node:util";
import { connectToShopDatabase } from "../platform/shop-database";

const { values } = parseArgs({ options: { limit: { type: "string", default: "10" } } });
const client = await connectToShopDatabase();
try {
  const { rows } = await client.query<{ created_at: Date; kind: string; recipient: string; subject: string; body: string }>(
    "SELECT created_at, kind, recipient, subject, body FROM outbox ORDER BY id DESC LIMIT $1",
    [Number(values.limit)],
  );
  if (rows.length === 0) console.log("The outbox is empty: no order was placed and no account email was sent yet.");
  for (const m of rows) console.log(`── ${m.created_at.toISOString()} · ${m.kind} · to ${m.recipient}\n${m.subject}\n\n${m.body}\n`);
} finally {
  await client.end();
}
