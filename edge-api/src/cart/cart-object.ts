import { DurableObject } from "cloudflare:workers";
import { MAX_LINE_QUANTITY } from "@shop/contracts";
import type { Env } from "../env";
import type { StoredLine } from "./pricing";

/** RPC cannot carry our error classes, so a refusal travels as data. */
export type CartWrite =
  | { ok: true; lines: StoredLine[]; version: number }
  | { ok: false; status: 404 | 409 | 412 | 422; code: string; message: string };

interface LineRow extends Record<string, SqlStorageValue> {
  sku: string;
  quantity: number;
  unit_price: number;
  currency: string;
}

/** A SKU as the catalog sells it now: what an add or a quantity change is checked against. */
export interface Sellable {
  sku: string;
  unitPrice: { amount: number; currency: string };
  available: number;
}

/**
 * One shopper's cart. Its SQLite storage is the truth for lines, quantities and the price each line
 * was added at; the object runs one call at a time, so writes never interleave.
 */
export class Cart extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS lines (
        sku TEXT PRIMARY KEY,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        unit_price INTEGER NOT NULL,
        currency TEXT NOT NULL,
        added_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
    `);
    // Carts made before names were read from the catalog stored them; they are not needed now.
    const columns = ctx.storage.sql.exec<{ name: string }>("SELECT name FROM pragma_table_info('lines')").toArray().map((c) => c.name);
    if (columns.includes("name")) ctx.storage.sql.exec("ALTER TABLE lines DROP COLUMN name");
  }

  read(): { lines: StoredLine[]; version: number } {
    return { lines: this.lines(), version: this.version() };
  }

  /** Adds units of a SKU, to its existing line if there is one. */
  add(item: Sellable, quantity: number, expectedVersion?: number): CartWrite {
    const existing = this.quantityOf(item.sku);
    return this.write(expectedVersion, () => this.setLine(item, existing + quantity));
  }

  /** Sets a line's quantity; 0 removes it. */
  setQuantity(sku: string, quantity: number, item: Sellable | undefined, expectedVersion?: number): CartWrite {
    if (this.quantityOf(sku) === 0) return { ok: false, status: 404, code: "not_in_cart", message: `${sku} is not in the cart.` };
    if (quantity === 0) return this.write(expectedVersion, () => this.deleteLine(sku));
    if (!item) return { ok: false, status: 409, code: "unavailable", message: "This item is no longer sold; remove it from the cart." };
    return this.write(expectedVersion, () => this.setLine(item, quantity));
  }

  remove(sku: string, expectedVersion?: number): CartWrite {
    if (this.quantityOf(sku) === 0) return { ok: false, status: 404, code: "not_in_cart", message: `${sku} is not in the cart.` };
    return this.write(expectedVersion, () => this.deleteLine(sku));
  }

  clear(expectedVersion?: number): CartWrite {
    return this.write(expectedVersion, () => {
      this.ctx.storage.sql.exec("DELETE FROM lines");
      return undefined;
    });
  }

  private write(expectedVersion: number | undefined, change: () => CartWrite | undefined): CartWrite {
    const version = this.version();
    if (expectedVersion !== undefined && expectedVersion !== version) {
      return { ok: false, status: 412, code: "stale_cart", message: `The cart changed (version ${version}, you had ${expectedVersion}); reload it and try again.` };
    }
    const refused = change();
    if (refused) return refused;
    this.ctx.storage.sql.exec("INSERT INTO meta (key, value) VALUES ('version', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1");
    return { ok: true, ...this.read() };
  }

  private setLine(item: Sellable, quantity: number): CartWrite | undefined {
    if (quantity > MAX_LINE_QUANTITY) {
      return { ok: false, status: 422, code: "quantity_limit", message: `You can buy at most ${MAX_LINE_QUANTITY} of one item.` };
    }
    if (quantity > item.available) {
      const message = item.available > 0 ? `Only ${item.available} left.` : "This item is out of stock.";
      return { ok: false, status: 409, code: "insufficient_stock", message };
    }
    this.ctx.storage.sql.exec(
      `INSERT INTO lines (sku, quantity, unit_price, currency, added_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (sku) DO UPDATE SET quantity = excluded.quantity`,
      item.sku,
      quantity,
      item.unitPrice.amount,
      item.unitPrice.currency,
      Date.now(),
    );
    return undefined;
  }

  private deleteLine(sku: string): undefined {
    this.ctx.storage.sql.exec("DELETE FROM lines WHERE sku = ?", sku);
    return undefined;
  }

  private quantityOf(sku: string): number {
    return this.ctx.storage.sql.exec<{ quantity: number }>("SELECT quantity FROM lines WHERE sku = ?", sku).toArray()[0]?.quantity ?? 0;
  }

  private lines(): StoredLine[] {
    return this.ctx.storage.sql
      .exec<LineRow>("SELECT sku, quantity, unit_price, currency FROM lines ORDER BY added_at, sku")
      .toArray()
      .map((row) => ({ sku: row.sku, quantity: row.quantity, addedUnitPrice: row.unit_price, currency: row.currency }));
  }

  private version(): number {
    return this.ctx.storage.sql.exec<{ value: number }>("SELECT value FROM meta WHERE key = 'version'").toArray()[0]?.value ?? 0;
  }
}
