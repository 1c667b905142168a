import { DurableObject } from "cloudflare:workers";
import { MAX_LINE_QUANTITY } from "@shop/contracts";
import type { Env } from "../env";
import type { StoredCart, StoredLine } from "./pricing";

/**
 * RPC cannot carry our error classes, so a refusal travels as data. `replayed`: the answer stored
 * for an earlier request with the same Idempotency-Key, not a new change.
 */
export type CartWrite = (({ ok: true } & StoredCart) | { ok: false; status: 404 | 409 | 412 | 422; code: string; message: string }) & { replayed?: true };

/** A client's retry key and what its request was, so a retry gets the first answer and a reuse is caught. */
export interface Idempotency {
  key: string;
  /** A digest of the method, path, body and preconditions. */
  request: string;
}

export interface WriteOptions {
  /** The version the change is based on (If-Match); a stale one is refused. */
  expectedVersion?: number;
  idempotency?: Idempotency;
}

/** How long, and for how many of a cart's recent changes, a retry is answered from memory. */
const IDEMPOTENCY_MS = 24 * 3600 * 1000;
const IDEMPOTENCY_KEYS_KEPT = 100;

interface LineRow extends Record<string, SqlStorageValue> {
  sku: string;
  quantity: number;
  unit_price: number;
  currency: string;
  added_at: number;
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

/** A line as the object holds it: when it was added orders the cart. */
interface HeldLine extends StoredLine {
  addedAt: number;
}

/**
 * One shopper's cart. Its SQLite storage is the truth for lines, quantities, the price each line was
 * added at and the applied coupon; the object keeps a copy in memory (loaded when it starts) so a
 * change costs only its writes. It runs one call at a time, so writes never interleave. Every change
 * bumps the version and is announced to the cart's open tabs over hibernatable WebSockets.
 */
export class Cart extends DurableObject<Env> {
  private lines = new Map<string, HeldLine>();
  private couponCode: string | null = null;
  private version = 0;
  private signedIn = false;
  private changedAt = 0;
  /** Whether the expiry alarm is set; later changes leave it, and it re-arms itself when early. */
  private expiryArmed = false;

  /** Whether this cart has storage yet: a visitor's id names an object long before its first change. */
  private stored = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.stored = ctx.storage.sql.exec("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'lines'").toArray().length > 0;
    if (this.stored) {
      this.createTables(); // tables added since the cart was made
      // Carts made before names were read from the catalog stored them; they are not needed now.
      const columns = ctx.storage.sql
        .exec<{ name: string }>("SELECT name FROM pragma_table_info('lines')")
        .toArray()
        .map((c) => c.name);
      if (columns.includes("name")) ctx.storage.sql.exec("ALTER TABLE lines DROP COLUMN name");
      this.load();
    }
    // A cart woken with its alarm already set need not set it again on its next change.
    void ctx.blockConcurrencyWhile(async () => {
      this.expiryArmed = (await ctx.storage.getAlarm()) !== null;
    });
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
      CREATE TABLE IF NOT EXISTS idempotency (key TEXT PRIMARY KEY, request TEXT NOT NULL, outcome TEXT NOT NULL, at INTEGER NOT NULL);
    `);
  }

  /** Storage is made at the cart's first change, not when its object first answers. */
  private ensureStored() {
    if (this.stored) return;
    this.createTables();
    this.stored = true;
  }

  /** The in-memory copy, from storage. */
  private load() {
    const sql = this.ctx.storage.sql;
    this.lines = new Map(
      sql
        .exec<LineRow>("SELECT sku, quantity, unit_price, currency, added_at FROM lines")
        .toArray()
        .map((row) => [row.sku, { sku: row.sku, quantity: row.quantity, addedUnitPrice: row.unit_price, currency: row.currency, addedAt: row.added_at }]),
    );
    this.couponCode = sql.exec<{ code: string }>("SELECT code FROM coupon").toArray()[0]?.code ?? null;
    const meta = new Map(
      sql
        .exec<{ key: string; value: number }>("SELECT key, value FROM meta")
        .toArray()
        .map((row) => [row.key, row.value]),
    );
    this.version = meta.get("version") ?? 0;
    this.signedIn = meta.get("signed_in") === 1;
    this.changedAt = meta.get("changed_at") ?? 0;
  }

  read(): StoredCart {
    const lines = [...this.lines.values()].sort((a, b) => a.addedAt - b.addedAt || a.sku.localeCompare(b.sku)).map(({ addedAt: _addedAt, ...line }) => line);
    return { lines, coupon: this.couponCode, version: this.version };
  }

  /** Adds units of a SKU, to its existing line if there is one. */
  add(item: Sellable, quantity: number, options: WriteOptions = {}): CartWrite {
    return this.once(options.idempotency, () => this.write(options.expectedVersion, () => this.setLine(item, this.quantityOf(item.sku) + quantity)));
  }

  /** Sets a line's quantity; 0 removes it. */
  setQuantity(sku: string, quantity: number, item: Sellable | undefined, options: WriteOptions = {}): CartWrite {
    return this.once(options.idempotency, () => {
      if (this.quantityOf(sku) === 0) return notInCart(sku);
      if (quantity === 0) return this.write(options.expectedVersion, () => this.deleteLine(sku));
      if (!item) return { ok: false, status: 409, code: "unavailable", message: "This item is no longer sold; remove it from the cart." };
      return this.write(options.expectedVersion, () => this.setLine(item, quantity));
    });
  }

  remove(sku: string, options: WriteOptions = {}): CartWrite {
    return this.once(options.idempotency, () => {
      if (this.quantityOf(sku) === 0) return notInCart(sku);
      return this.write(options.expectedVersion, () => this.deleteLine(sku));
    });
  }

  clear(options: WriteOptions = {}): CartWrite {
    return this.once(options.idempotency, () =>
      this.write(options.expectedVersion, () => {
        this.ctx.storage.sql.exec("DELETE FROM lines; DELETE FROM coupon");
        this.lines.clear();
        this.couponCode = null;
        return undefined;
      }),
    );
  }

  /**
   * An order was placed from this cart: what it bought leaves the cart, and its coupon if it used
   * it; what the shopper added since the checkout started stays. Once per order, whoever asks again.
   */
  removeOrdered(orderNumber: string, ordered: Array<{ sku: string; quantity: number }>, couponUsed: string | null): CartWrite {
    return this.once({ key: `order:${orderNumber}`, request: orderNumber }, () =>
      this.write(undefined, () => {
        for (const { sku, quantity } of ordered) {
          const left = this.quantityOf(sku) - quantity;
          if (left > 0) this.lowerQuantity(sku, left);
          else if (this.lines.has(sku)) this.deleteLine(sku);
        }
        if (couponUsed && this.couponCode === couponUsed) this.setCoupon(null);
        return undefined;
      }),
    );
  }

  /** Puts a coupon code on the cart (the route has checked it applies); it replaces any other. */
  applyCoupon(code: string, options: WriteOptions = {}): CartWrite {
    return this.once(options.idempotency, () => this.write(options.expectedVersion, () => this.setCoupon(code)));
  }

  removeCoupon(options: WriteOptions = {}): CartWrite {
    return this.once(options.idempotency, () => this.write(options.expectedVersion, () => this.setCoupon(null)));
  }

  /**
   * Sign-in: adds a guest cart's lines into this (the user's) cart. Quantities of the same SKU are
   * summed and capped at the per-line limit and the stock on hand; lines no longer sold are dropped.
   * A guest coupon carries over when this cart has none. From now on the cart lives 30 days.
   */
  /**
   * Adds a guest cart's lines (summed, capped by the cart rules). Each guest cart merges once: the
   * merge records its id, so a retry after a failed discard does not add the lines again.
   */
  merge(guestCartId: string, guest: StoredCart, sellable: Record<string, Sellable>): CartWrite {
    const mergedKey = `merged:${guestCartId}`;
    if (this.stored && this.ctx.storage.sql.exec("SELECT 1 FROM meta WHERE key = ?", mergedKey).toArray().length > 0) return { ok: true, ...this.read() };
    return this.write(undefined, () => {
      this.ctx.storage.sql.exec("INSERT INTO meta (key, value) VALUES (?, 1)", mergedKey);
      for (const line of guest.lines) {
        const item = sellable[line.sku];
        const quantity = Math.min(this.quantityOf(line.sku) + line.quantity, MAX_LINE_QUANTITY, item?.available ?? 0);
        if (item && quantity > 0) this.setLine(item, quantity);
      }
      if (guest.coupon && !this.couponCode) this.setCoupon(guest.coupon);
      if (!this.signedIn) {
        this.ctx.storage.sql.exec("INSERT INTO meta (key, value) VALUES ('signed_in', 1)");
        this.signedIn = true;
        this.expiryArmed = false; // the lifetime is longer now
      }
      return undefined;
    });
  }

  /** Throws the cart away (after a merge, or once an order is placed). */
  async discard(): Promise<void> {
    await this.ctx.storage.deleteAll();
    this.stored = false;
    this.lines.clear();
    this.couponCode = null;
    this.version = 0;
    this.signedIn = false;
    this.changedAt = 0;
    this.expiryArmed = false;
    this.announce();
  }

  /**
   * Expiry: the alarm is set once, at the cart's first change, so it may fire before the cart's
   * lifetime since its last change is over; then it sets itself for the end of that lifetime.
   * Otherwise the cart is over.
   */
  override async alarm(): Promise<void> {
    if (this.version > 0 && Date.now() < this.expiresAt()) {
      await this.ctx.storage.setAlarm(this.expiresAt());
      this.expiryArmed = true;
      return;
    }
    await this.discard();
  }

  /** A tab's live connection: upgraded here and kept by the runtime while the object sleeps. */
  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") return new Response("Expected a WebSocket upgrade", { status: 426 });
    const [client, server] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    this.ctx.acceptWebSocket(server);
    server.send(JSON.stringify({ type: "cart", version: this.version } satisfies CartChanged));
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

  /**
   * Runs a change in one transaction with the version bump. The change updates storage and the
   * in-memory copy together; if storage fails, the copy is loaded again so the two never differ.
   */
  private write(expectedVersion: number | undefined, change: () => CartWrite | undefined): CartWrite {
    if (expectedVersion !== undefined && expectedVersion !== this.version) {
      return {
        ok: false,
        status: 412,
        code: "stale_cart",
        message: `The cart changed (version ${this.version}, you had ${expectedVersion}); reload it and try again.`,
      };
    }
    this.ensureStored();
    const now = Date.now();
    let refused: CartWrite | undefined;
    try {
      refused = this.ctx.storage.transactionSync(() => {
        const outcome = change();
        if (!outcome) {
          this.ctx.storage.sql.exec(
            "INSERT INTO meta (key, value) VALUES ('version', ?), ('changed_at', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            this.version + 1,
            now,
          );
        }
        return outcome;
      });
    } catch (err) {
      this.load();
      throw err;
    }
    if (refused) return refused;
    this.version += 1;
    this.changedAt = now;
    this.armExpiry();
    this.announce();
    return { ok: true, ...this.read() };
  }

  /**
   * A change sent with an Idempotency-Key happens once: a retry with the same key and request gets
   * the first answer (refusals included, as Stripe does), the same key on another request is refused.
   * The object runs one call at a time, so two copies racing each other cannot both apply.
   */
  private once(idempotency: Idempotency | undefined, change: () => CartWrite): CartWrite {
    if (!idempotency) return change();
    const now = Date.now();
    const sql = this.ctx.storage.sql;
    const [seen] = this.stored
      ? sql
          .exec<{ request: string; outcome: string }>(
            "SELECT request, outcome FROM idempotency WHERE key = ? AND at > ?",
            idempotency.key,
            now - IDEMPOTENCY_MS,
          )
          .toArray()
      : [];
    if (seen) {
      if (seen.request !== idempotency.request) {
        return {
          ok: false,
          status: 422,
          code: "idempotency_key_reused",
          message: "This Idempotency-Key was sent with a different request; use a new key for a new change.",
        };
      }
      return { ...(JSON.parse(seen.outcome) as CartWrite), replayed: true };
    }
    const outcome = change();
    this.ensureStored();
    sql.exec(
      "DELETE FROM idempotency WHERE at <= ? OR key NOT IN (SELECT key FROM idempotency ORDER BY at DESC LIMIT ?)",
      now - IDEMPOTENCY_MS,
      IDEMPOTENCY_KEYS_KEPT - 1,
    );
    sql.exec(
      "INSERT OR REPLACE INTO idempotency (key, request, outcome, at) VALUES (?, ?, ?, ?)",
      idempotency.key,
      idempotency.request,
      JSON.stringify(outcome),
      now,
    );
    return outcome;
  }

  private expiresAt(): number {
    return this.changedAt + (this.signedIn ? USER_CART_DAYS : GUEST_CART_DAYS) * DAY_MS;
  }

  /** One alarm write per cart lifetime instead of one per change: the alarm re-arms itself if it is early. */
  private armExpiry() {
    if (this.expiryArmed) return;
    void this.ctx.storage.setAlarm(this.expiresAt());
    this.expiryArmed = true;
  }

  private announce() {
    const message = JSON.stringify({ type: "cart", version: this.version } satisfies CartChanged);
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
    const held = this.lines.get(item.sku);
    const line: HeldLine = held
      ? { ...held, quantity }
      : { sku: item.sku, quantity, addedUnitPrice: item.unitPrice.amount, currency: item.unitPrice.currency, addedAt: Date.now() };
    this.ctx.storage.sql.exec(
      `INSERT INTO lines (sku, quantity, unit_price, currency, added_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (sku) DO UPDATE SET quantity = excluded.quantity`,
      line.sku,
      line.quantity,
      line.addedUnitPrice,
      line.currency,
      line.addedAt,
    );
    this.lines.set(item.sku, line);
    return undefined;
  }

  /** Fewer units of a line, its price as it was added (no stock check: fewer is always sellable). */
  private lowerQuantity(sku: string, quantity: number) {
    this.ctx.storage.sql.exec("UPDATE lines SET quantity = ? WHERE sku = ?", quantity, sku);
    this.lines.set(sku, { ...this.lines.get(sku)!, quantity });
  }

  private deleteLine(sku: string): undefined {
    this.ctx.storage.sql.exec("DELETE FROM lines WHERE sku = ?", sku);
    this.lines.delete(sku);
    return undefined;
  }

  private setCoupon(code: string | null): undefined {
    this.ctx.storage.sql.exec("DELETE FROM coupon");
    if (code) this.ctx.storage.sql.exec("INSERT INTO coupon (code) VALUES (?)", code);
    this.couponCode = code;
    return undefined;
  }

  private quantityOf(sku: string): number {
    return this.lines.get(sku)?.quantity ?? 0;
  }
}

const notInCart = (sku: string): CartWrite => ({ ok: false, status: 404, code: "not_in_cart", message: `${sku} is not in the cart.` });
