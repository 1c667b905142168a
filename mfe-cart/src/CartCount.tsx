import { useCart } from "./useCart";

export default function CartCount() {
  const count = useCart()?.itemCount ?? 0;
  return (
    <span className="cart-count" data-testid="cart-count" aria-live="polite" aria-label={`${count} ${count === 1 ? "item" : "items"} in cart`}>
      {count}
    </span>
  );
}
