import type { Wishlist } from "@shop/contracts";
import { announceCartChanged, formatMoney } from "@shop/contracts/browser";
import { FormMessage } from "@shop/forms";
import { Link } from "@shop/router";
import { useCallback, useEffect, useState } from "react";
import { dropFromWishlist, fetchWishlist, moveToCart } from "./api";

export function WishlistPage() {
  const [list, setList] = useState<Wishlist | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(() => fetchWishlist().then(setList, (err: Error) => setError(err.message)), []);
  useEffect(() => void reload(), [reload]);
  const act = async (work: () => Promise<unknown>, done: string) => {
    setError(null);
    try {
      await work();
      setMessage(done);
      await reload();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <section>
      <h1 className="page-title">Your wishlist</h1>
      <FormMessage error={error} success={message} />
      {!list ? (
        <p aria-busy="true">Loading…</p>
      ) : list.items.length === 0 ? (
        <p>Nothing here yet: tap the heart on a product to keep it for later.</p>
      ) : (
        <ul className="account-wishlist">
          {list.items.map(({ product }) => (
            <li key={product.slug}>
              <Link to={`/p/${product.slug}`}>{product.name}</Link> <span>{formatMoney(product.price)}</span>
              {!product.inStock && <span className="stock-out"> Out of stock</span>}{" "}
              {product.variantCount > 1 ? (
                <Link className="btn btn-secondary" to={`/p/${product.slug}`}>
                  Choose options
                </Link>
              ) : (
                <button
                  type="button"
                  className="btn"
                  disabled={!product.inStock}
                  onClick={() => void act(() => moveToCart(product.slug).then(() => announceCartChanged()), `${product.name} moved to your cart.`)}
                >
                  Move to cart
                </button>
              )}{" "}
              <button
                type="button"
                className="btn btn-secondary"
                aria-label={`Remove ${product.name} from your wishlist`}
                onClick={() => void act(() => dropFromWishlist(product.slug), `${product.name} removed from your wishlist.`)}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
