import type { Wishlist } from "@shop/contracts";
import { and, count, desc, eq } from "drizzle-orm";
import type { Context } from "hono";
import { cartStub, userCartName } from "../cart/cart-id";
import { findSellableSku } from "../cart/catalog-view";
import { productCards } from "../catalog/products";
import type { Database } from "../db/client";
import type { AppEnv } from "../env";
import { ApiFailure } from "../errors";
import { wishlistItems } from "./schema";

const MAX_ITEMS = 200;

export async function wishlistOf(db: Database, userId: string): Promise<Wishlist> {
  const rows = await db.select().from(wishlistItems).where(eq(wishlistItems.userId, userId)).orderBy(desc(wishlistItems.addedAt));
  const cards = new Map(
    (
      await productCards(
        db,
        rows.map((r) => r.productSlug),
      )
    ).map((p) => [p.slug, p]),
  );
  // A product the catalog no longer has drops out of the list.
  return { items: rows.flatMap((r) => (cards.has(r.productSlug) ? [{ product: cards.get(r.productSlug)!, addedAt: r.addedAt.toISOString() }] : [])) };
}

export async function addToWishlist(db: Database, userId: string, slug: string) {
  const [product] = await productCards(db, [slug]);
  if (!product) throw new ApiFailure(404, "product_not_found", "No such product.");
  const [{ kept } = { kept: 0 }] = await db.select({ kept: count() }).from(wishlistItems).where(eq(wishlistItems.userId, userId));
  if (kept >= MAX_ITEMS) throw new ApiFailure(409, "wishlist_full", `A wishlist keeps up to ${MAX_ITEMS} products; remove some first.`);
  await db.insert(wishlistItems).values({ userId, productSlug: slug }).onConflictDoNothing();
}

export async function removeFromWishlist(db: Database, userId: string, slug: string) {
  await db.delete(wishlistItems).where(and(eq(wishlistItems.userId, userId), eq(wishlistItems.productSlug, slug)));
}

/** The product's first sellable variant into the cart; a product with several variants is chosen on its page. */
export async function moveToCart(c: Context<AppEnv>, userId: string, slug: string) {
  const db = c.get("db")();
  const [kept] = await db
    .select()
    .from(wishlistItems)
    .where(and(eq(wishlistItems.userId, userId), eq(wishlistItems.productSlug, slug)));
  if (!kept) throw new ApiFailure(404, "not_in_wishlist", "This product is not in your wishlist.");
  const [product] = await productCards(db, [slug]);
  if (!product) throw new ApiFailure(404, "product_not_found", "This product is no longer sold.");
  if (product.variantCount > 1) throw new ApiFailure(409, "choose_variant", `Choose a size or colour of ${product.name} on its page.`);
  const item = product.inStock ? await findSellableSku(c, product.sku) : undefined;
  if (!item) throw new ApiFailure(409, "out_of_stock", `${product.name} is out of stock.`);
  const added = await cartStub(c.env, userCartName(userId)).add(item, 1);
  if (!added.ok) throw new ApiFailure(added.status, added.code, added.message);
  await removeFromWishlist(db, userId, slug);
}
