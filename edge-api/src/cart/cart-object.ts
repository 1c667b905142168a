import { DurableObject } from "cloudflare:workers";
import { MAX_LINE_QUANTITY, type Cart as CartState, type Money } from "@shop/contracts";
import type { Env } from "../env";

export interface PricedItem {
  sku: string;
  name: string;
  unitPrice: Money;
  /** Units we can sell right now. */
  available: number;
}

/** RPC cannot carry our error classes, so a refusal travels as data. */
export type CartResult =
  | { ok: true; cart: CartState }
  | { ok: false; status: 409 | 422; code: string; message: string };

interface LineRow extends Record<string, SqlStorageValue> {
  sku: string;
  name: string;
  quantity: number;
  unit_price: number;
  currency: string;
}

/** One shopper's cart. Its SQLite storage is the truth; the object serialises every write. */
export class Cart extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS lines (
        sku TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        unit_price INTEGER NOT NULL,
        currency TEXT NOT NULL,
        added_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    `);
  }

  getCart(): CartState {
    const rows = this.ctx.storage.sql.exec<LineRow>("SELECT sku, name, quantity, unit_price, currency FROM lines ORDER BY added_at, sku").toArray();
    const lines = rows.map((row) => ({
      sku: row.sku,
      name: row.name,
      quantity: row.quantity,
      unitPrice: { amount: row.unit_price, currency: row.currency },
      lineTotal: { amount: row.unit_price * row.quantity, currency: row.currency },
    }));
    const currency = lines[0]?.unitPrice.currency ?? "USD";
    return {
      lines,
      itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
      subtotal: { amount: lines.reduce((sum, line) => sum + line.lineTotal.amount, 0), currency },
      version: this.version(),
    };
  }

  /** Adds units of a SKU, to its existing line if there is one, within the per-line limit and stock. */
  addItem(item: PricedItem, quantity: number): CartResult {
    const existing = this.ctx.storage.sql.exec<{ quantity: number }>("SELECT quantity FROM lines WHERE sku = ?", item.sku).toArray()[0];
    const wanted = (existing?.quantity ?? 0) + quantity;
    if (wanted > MAX_LINE_QUANTITY) {
      return { ok: false, status: 422, code: "quantity_limit", message: `You can buy at most ${MAX_LINE_QUANTITY} of one item.` };
    }
    if (wanted > item.available) {
      const message = item.available > 0 ? `Only ${item.available} left.` : "This item is out of stock.";
      return { ok: false, status: 409, code: "insufficient_stock", message };
    }
    this.ctx.storage.sql.exec(
      `INSERT INTO lines (sku, name, quantity, unit_price, currency, added_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (sku) DO UPDATE SET quantity = excluded.quantity, name = excluded.name,
         unit_price = excluded.unit_price, currency = excluded.currency`,
      item.sku,
      item.name,
      wanted,
      item.unitPrice.amount,
      item.unitPrice.currency,
      Date.now(),
    );
    this.bumpVersion();
    return { ok: true, cart: this.getCart() };
  }

  private version(): number {
    return this.ctx.storage.sql.exec<{ value: number }>("SELECT value FROM meta WHERE key = 'version'").toArray()[0]?.value ?? 0;
  }

  private bumpVersion() {
    this.ctx.storage.sql.exec("INSERT INTO meta (key, value) VALUES ('version', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1");
  }
}
