import { useCart } from "./useCart";

/**
 * The number of items in the cart, inside the mini-cart's button or link, whose label says it in
 * words ("Cart, 2 items"); changes are announced by the mini-cart, not here, to say them once.
 */
export default function CartCount() {
  const count = useCart()?.itemCount ?? 0;
  return (
    <span className="cart-count" data-testid="cart-count">
      {count}
    </span>
  );
}
