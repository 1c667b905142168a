import { itemsLabel } from "./items";
import { useCart } from "./useCart";

/** The number of items in the cart; changes are announced by the mini-cart, not here, to say them once. */
export default function CartCount() {
  const count = useCart()?.itemCount ?? 0;
  return (
    <span className="cart-count" data-testid="cart-count" aria-label={`${itemsLabel(count)} in cart`}>
      {count}
    </span>
  );
}
