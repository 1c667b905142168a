/** Props of the widgets remotes expose to each other (the cart's button is used by the catalog). */
export interface AddToCartButtonProps {
  sku: string;
  name: string;
  inStock: boolean;
  /** Units to add when there is no picker (default 1). */
  quantity?: number;
  /** Show a quantity picker, up to the per-line limit and this stock. */
  available?: number;
  /** Open the mini-cart after the add (the product page does; listing cards stay put). */
  showCart?: boolean;
}

/** The account's wishlist heart, on product cards and pages. */
export interface WishlistHeartProps {
  slug: string;
  name: string;
}

/** The cart's summary beside checkout's first steps: priced for the method and destination chosen so far. */
export interface CartSummaryProps {
  shippingMethod?: import("./checkout-rules").ShippingMethodId;
  destination?: import("./checkout-rules").TaxDestination;
}

/** The catalog's "frequently bought together" for a set of products (the cart page's lines), leaving them out. */
export interface RecommendationsProps {
  /** Product slugs. */
  products: string[];
}
