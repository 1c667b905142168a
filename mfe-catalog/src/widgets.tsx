import type { AddToCartButtonProps, WishlistHeartProps } from "@shop/contracts/browser";
import { RemoteArea } from "@shop/federation";

// Other teams' widgets on the catalog's cards and pages, each in its own area.

const addToCartLoading = (
  <button type="button" className="btn" disabled>
    Add to cart
  </button>
);

/** The cart's Add to cart; until its code arrives, a button that says what it will do. */
export const AddToCart = (props: AddToCartButtonProps) => (
  <RemoteArea<AddToCartButtonProps> module="cart/AddToCartButton" label="Add to cart" variant="widget" loading={addToCartLoading} props={props} />
);

/** The account's heart: keeps a product in the shopper's wishlist. */
export const WishlistHeart = (props: WishlistHeartProps) => (
  <RemoteArea<WishlistHeartProps> module="account/WishlistHeart" label="Wishlist" variant="widget" loading={null} props={props} />
);
