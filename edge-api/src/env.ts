import type { Cart } from "./cart/cart-object";

export interface Env {
  REGISTRY: KVNamespace;
  ASSETS: KVNamespace;
  /** The catalog's edge cache (listings, products, facets, suggestions). */
  CACHE: KVNamespace;
  CART: DurableObjectNamespace<Cart>;
  ENVIRONMENT: "local" | "production";
  STORE_NAME: string;
  /** Secret: Postgres connection string (Neon in production). */
  DATABASE_URL: string;
  /** Secret: bearer token that allows registry writes (publish, promote, rollback). */
  DEPLOY_TOKEN: string;
  /** Secret: bearer token for operators' catalog and stock writes (/api/admin). */
  ADMIN_TOKEN: string;
  /** Local only: `host:port` of the WebSocket-to-TCP relay the Neon driver reaches Postgres through. */
  NEON_RELAY?: string;
}

export type AppEnv = {
  Bindings: Env;
  Variables: { db: () => import("./db/client").Database };
};
