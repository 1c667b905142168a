import { DurableObject } from "cloudflare:workers";
import { MAX_LINE_QUANTITY } from "@shop/contracts";
import type { Env } from "../env";
import type { StoredCart, StoredLine } from "./pricing";

/** RPC cannot carry our error classes, so a refusal travels as data. */
export type CartWrite = ({ ok: true } & StoredCart) | { ok: false; status: 404 | 409 | 412 | 422; code: string; message: string };

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

/** How long a cart lives after its last change. */
export const GUEST_CART_DAYS = 7;
export const USER_CART_DAYS = 30;
const DAY_MS = 24 * 3600 * 1000;

/** What every open tab hears after a change: enough to know whether to fetch the cart again. */
export interface CartChanged {
  type: "cart";
  version: number;
}

/**
 * One shopper's cart. Its SQLite storage is the truth for lines, quantities, the price each line was
 * added at and the applied coupon; the object runs one call at a time, so writes never interleave.
 * Every change bumps the version, pushes the expiry alarm back and is announced to the cart's open
 * tabs over hibernatable WebSockets.
 */
export class Cart extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.createTables();
    // Carts made before names were read from the catalog stored them; they are not needed now.
    const columns = ctx.storage.sql.exec<{ name: string }>("SELECT name FROM pragma_table_info('lines')").toArray().map((c) => c.name);
    if (columns.includes("name")) ctx.storage.sql.exec("ALTER TABLE lines DROP COLUMN name");
    // Keep-alives are answered without waking the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair("ping", "pong"));
  }

  private createTables() {
    this.ctx.storage.sql.exec(`
      CREATE TABLE IF NOT EXISTS lines (
        sku TEXT PRIMARY KEY,
        quantity INTEGER NOT NULL CHECK (quantity > 0),
        unit_price INTEGER NOT NULL,
        currency TEXT NOT NULL,
        added_at INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
      CREATE TABLE IF NOT EXISTS coupon (code TEXT PRIMARY KEY);
    `);
  }

  read(): StoredCart {
    return { lines: this.lines(), coupon: this.coupon(), version: this.version() };
  }

  /** Adds units of a SKU, to its existing line if there is one. */
  add(item: Sellable, quantity: number, expectedVersion?: number): CartWrite {
    const existing = this.quantityOf(item.sku);
    return this.write(expectedVersion, () => this.setLine(item, existing + quantity));
  }

  /** Sets a line's quantity; 0 removes it. */
  setQuantity(sku: string, quantity: number, item: Sellable | undefined, expectedVersion?: number): CartWrite {
    if (this.quantityOf(sku) === 0) return notInCart(sku);
    if (quantity === 0) return this.write(expectedVersion, () => this.deleteLine(sku));
    if (!item) return { ok: false, status: 409, code: "unavailable", message: "This item is no longer sold; remove it from the cart." };
    return this.write(expectedVersion, () => this.setLine(item, quantity));
  }

  remove(sku: string, expectedVersion?: number): CartWrite {
    if (this.quantityOf(sku) === 0) return notInCart(sku);
    return this.write(expectedVersion, () => this.deleteLine(sku));
  }

  clear(expectedVersion?: number): CartWrite {
    return this.write(expectedVersion, () => {
      this.ctx.storage.sql.exec("DELETE FROM lines; DELETE FROM coupon");
      return undefined;
    });
  }

  /** Puts a coupon code on the cart (the route has checked it applies); it replaces any other. */
  applyCoupon(code: string, expectedVersion?: number): CartWrite {
    return this.write(expectedVersion, () => {
      this.ctx.storage.sql.exec("DELETE FROM coupon; INSERT INTO coupon (code) VALUES (?)", code);
      return undefined;
    });
  }

  removeCoupon(expectedVersion?: number): CartWrite {
    return this.write(expectedVersion, () => {
      this.ctx.storage.sql.exec("DELETE FROM coupon");
      return undefined;
    });
  }

  /**
   * Sign-in: adds a guest cart's lines into this (the user's) cart. Quantities of the same SKU are
   * summed and capped at the per-line limit and the stock on hand; lines no longer sold are dropped.
   * A guest coupon carries over when this cart has none. From now on the cart lives 30 days.
   */
  merge(guest: StoredCart, sellable: Record<string, Sellable>): CartWrite {
    return this.write(undefined, () => {
      for (const line of guest.lines) {
        const item = sellable[line.sku];
        const quantity = Math.min(this.quantityOf(line.sku) + line.quantity, MAX_LINE_QUANTITY, item?.available ?? 0);
        if (item && quantity > 0) this.setLine(item, quantity);
      }
      if (guest.coupon && !this.coupon()) this.ctx.storage.sql.exec("INSERT INTO coupon (code) VALUES (?)", guest.coupon);
      this.ctx.storage.sql.exec("INSERT INTO meta (key, value) VALUES ('signed_in', 1) ON CONFLICT (key) DO NOTHING");
      return undefined;
    });
  }

  /** Throws the cart away (after a merge, or once an order is placed). */
  async discard(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.createTables();
    this.announce();
  }

  /** Expiry: the alarm is set for the cart's lifetime after its last change, so firing means it is over. */
  override async alarm(): Promise<void> {
    await this.discard();
  }

  /** A tab's live connection: upgraded here and kept by the runtime while the object sleeps. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") return new Response("Expected a WebSocket upgrade", { status: 426 });
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server);
    server.send(JSON.stringify({ type: "cart", version: this.version() } satisfies CartChanged));
    return new Response(null, { status: 101, webSocket: client });
  }

  override webSocketClose(ws: WebSocket, code: number, reason: string) {
    // Runtimes with `web_socket_auto_reply_to_close` have already answered; older ones need it here.
    // 1005/1006 are reserved: they say no code was sent and may not be sent back.
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // Already closed.
    }
  }

  private write(expectedVersion: number | undefined, change: () => CartWrite | undefined): CartWrite {
    const version = this.version();
    if (expectedVersion !== undefined && expectedVersion !== version) {
      return { ok: false, status: 412, code: "stale_cart", message: `The cart changed (version ${version}, you had ${expectedVersion}); reload it and try again.` };
    }
    const refused = this.ctx.storage.transactionSync(() => {
      const outcome = change();
      if (!outcome) this.ctx.storage.sql.exec("INSERT INTO meta (key, value) VALUES ('version', 1) ON CONFLICT (key) DO UPDATE SET value = value + 1");
      return outcome;
    });
    if (refused) return refused;
    const lifetimeDays = this.isSignedIn() ? USER_CART_DAYS : GUEST_CART_DAYS;
    void this.ctx.storage.setAlarm(Date.now() + lifetimeDays * DAY_MS);
    this.announce();
    return { ok: true, ...this.read() };
  }

  private announce() {
    const message = JSON.stringify({ type: "cart", version: this.version() } satisfies CartChanged);
    for (const ws of this.ctx.getWebSockets()) {
      try {
        ws.send(message);
      } catch {
        // A tab that went away; the runtime closes its socket.
      }
    }
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

  private coupon(): string | null {
    return this.ctx.storage.sql.exec<{ code: string }>("SELECT code FROM coupon").toArray()[0]?.code ?? null;
  }

  private version(): number {
    return this.meta("version");
  }

  private isSignedIn(): boolean {
    return this.meta("signed_in") === 1;
  }

  private meta(key: string): number {
    return this.ctx.storage.sql.exec<{ value: number }>("SELECT value FROM meta WHERE key = ?", key).toArray()[0]?.value ?? 0;
  }
}

const notInCart = (sku: string): CartWrite => ({ ok: false, status: 404, code: "not_in_cart", message: `${sku} is not in the cart.` });
