import type { SessionStore } from "./account/session-store";
import type { Cart } from "./cart/cart-object";
import type { AttemptLimit } from "./security/attempt-limit";

export interface Env {
  REGISTRY: KVNamespace;
  ASSETS: KVNamespace;
  /** The catalog's edge cache (listings, products, facets, suggestions). */
  CACHE: KVNamespace;
  CART: DurableObjectNamespace<Cart>;
  /** Failed attempts per client (wrong tokens, coupon guesses): one object per policy and client. */
  ATTEMPTS: DurableObjectNamespace<AttemptLimit>;
  /** Better Auth's session storage: one object per session token or account (account/session-store.ts). */
  SESSIONS: DurableObjectNamespace<SessionStore>;
  /** Product pictures operators upload, by key (catalog/media.ts). */
  MEDIA: R2Bucket;
  /** Cloudflare Images: reads an upload's size and type, and serves pictures resized in modern formats. */
  IMAGES: ImagesBinding;
  ENVIRONMENT: "local" | "production";
  STORE_NAME: string;
  /** The shop's postal address, in every email's footer. */
  STORE_ADDRESS: string;
  /** Outbox ids to send: the Worker's own queue (producer), consumed by its `queue()` handler. */
  MAIL_QUEUE: Queue<import("./notifications/delivery").MailQueueMessage>;
  /** "email-service" (default: Cloudflare Email Service through EMAIL) or "http" (a Resend-compatible API). */
  MAIL_PROVIDER?: "email-service" | "http";
  /** The sender, e.g. `Edge Shop <orders@shop.example.com>` (a domain the provider verified). */
  MAIL_FROM: string;
  /** Cloudflare Email Service (`send_email` binding). */
  EMAIL?: SendEmail;
  /** The HTTP provider's base URL (default https://api.resend.com; locally the mail emulator). */
  MAIL_API_URL?: string;
  /** Secret: the HTTP provider's API key. */
  MAIL_API_KEY?: string;
  /** How long one send may take (ms, default 10000) before it counts as unanswered. */
  MAIL_TIMEOUT_MS?: string;
  /** A send's claim (s, default 120): after it the sweep settles a consumer that stopped mid-send. */
  MAIL_LEASE_SECONDS?: string;
  /** First retry's back-off (s, default 30), doubling per attempt. */
  MAIL_RETRY_SECONDS?: string;
  /** The sweep queues again a due message not queued for this long (s, default 120). */
  MAIL_REQUEUE_SECONDS?: string;
  /** Days after delivery that a review request is sent (default 7). */
  REVIEW_REQUEST_DAYS?: string;
  /**
   * The shop's own origin (`https://shop.example.com`): every absolute URL the edge writes comes from
   * here, never from the request's Host header. `https:` also makes cookies Secure and sends HSTS.
   */
  PUBLIC_ORIGIN: string;
  /** Secret: signs the ids the edge mints (cart cookies), so a client cannot choose its own. */
  COOKIE_SECRET: string;
  /** Secret: signs session cookies and one-time links (verification, reset); 32+ random bytes. */
  AUTH_SECRET: string;
  /** Secret: Postgres connection string (Neon in production). */
  DATABASE_URL: string;
  /** Secret: bearer token that allows registry writes (publish, promote, rollback). */
  DEPLOY_TOKEN: string;
  /** Secret: bearer token for operators' catalog and stock writes (/api/admin). */
  ADMIN_TOKEN: string;
  /** Secret: Stripe secret key (sk_test_… or sk_live_…); payments go through the `stripe` SDK with it. */
  STRIPE_SECRET_KEY: string;
  /** Secret: the signing secret of the Stripe webhook endpoint (whsec_…). */
  STRIPE_WEBHOOK_SECRET: string;
  /** Public: the publishable key the browser's Payment Element uses (pk_…); unset locally. */
  STRIPE_PUBLISHABLE_KEY?: string;
  /** Local only: the Stripe emulator's base URL (`http://127.0.0.1:12111`); unset, the SDK talks to Stripe. */
  STRIPE_API_URL?: string;
  /** Local only: `host:port` of the WebSocket-to-TCP relay the Neon driver reaches Postgres through. */
  NEON_RELAY?: string;
  /**
   * Worker Loader (Dynamic Workers): runs each remote version's server bundle in an isolate of its
   * own. Without it (or with EDGE_RENDER "off") pages render in the browser only.
   */
  LOADER?: WorkerLoader;
  /** "off" turns edge rendering off (pages render in the browser, as without a loader). */
  EDGE_RENDER?: string;
  /** An edge-rendered area's time budget in ms when its last copy could stand in (default 50): later, the copy does. */
  EDGE_RENDER_BUDGET_MS?: string;
  /** The same when nothing could stand in (a cold start; default 3000): later, the browser renders it. */
  EDGE_RENDER_COLD_BUDGET_MS?: string;
}

export type AppEnv = {
  Bindings: Env;
  Variables: {
    db: () => import("./db/client").Database;
    /** This request's cart id, once read or minted, and whether its cookie is already in the answer. */
    cartId?: string;
    cartCookieSent?: boolean;
    /** The visitor came without a valid cart id; this request minted one. */
    cartIdMinted?: boolean;
    /** This request's Better Auth (account/auth.ts), made on first use. */
    auth?: unknown;
    /** The signed-in shopper, once looked up; null for a guest. */
    shopper?: import("./account/shopper").Shopper | null;
    /** A new session took this device's guest cart: the guest cookie goes. */
    guestCartMerged?: boolean;
    /** A verification link opened by the browser that asked for it: it may sign that browser in. */
    signInAfterVerification?: boolean;
    /** The password just verified was hashed with older parameters: hash it again. */
    staleHash?: boolean;
    /** Who an operator's request acts as (`deploy token`, `admin token`, `admin:<email>`), for the registry's change log. */
    operator?: string;
    /** The experiment visitor id minted for this request's answer. */
    visitorId?: string;
    /** Outbox ids this request wrote: put on the mail queue once it has answered. */
    mailQueued?: number[];
    /** The stylesheets this document carries inline: its policy allows each by its hash. */
    inlineStyles?: string[];
    /** The scripts it carries inline (a page of islands: its loader and speculation rules), allowed the same way. */
    inlineScripts?: string[];
    /** Answers a request with the whole app, in this isolate (the edge's own calls while rendering a page). */
    inProcess?: (request: Request) => Promise<Response>;
  };
};
