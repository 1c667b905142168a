import type { CartLine } from "@shop/contracts";
import { MAX_LINE_QUANTITY } from "@shop/contracts/browser";
import { QuantityOptions } from "./QuantityOptions";
import { useCartStore } from "./store";

/**
 * A line's quantity picker and remove button, as the cart page and the mini-cart show them. They stay
 * enabled during a change (disabling would drop the keyboard focus); the cart object orders changes.
 * Each is a form too: without JavaScript the edge makes the change and shows the cart again.
 */
export function LineControls({ line }: { line: CartLine }) {
  const setQuantity = useCartStore((s) => s.setQuantity);
  const remove = useCartStore((s) => s.remove);
  return (
    <>
      <form method="post" action="/cart/quantity" className="line-form" onSubmit={(event) => event.preventDefault()}>
        <input type="hidden" name="sku" value={line.sku} />
        <label>
          <span className="visually-hidden">Quantity of {line.name}</span>
          <select name="quantity" value={line.quantity} onChange={(e) => void setQuantity(line.sku, Number(e.target.value))}>
            {/* Up to what can be sold now (never below what the line has, so it can be lowered). */}
            <QuantityOptions most={Math.max(line.quantity, Math.min(MAX_LINE_QUANTITY, line.available))} />
          </select>
        </label>
        <noscript>
          <button type="submit" className="btn btn-secondary" aria-label={`Update the quantity of ${line.name}`}>
            Update
          </button>
        </noscript>
      </form>
      <form
        method="post"
        action="/cart/remove"
        className="line-form"
        onSubmit={(event) => {
          event.preventDefault();
          void remove(line.sku);
        }}
      >
        <input type="hidden" name="sku" value={line.sku} />
        <button type="submit" className="btn btn-secondary" aria-label={`Remove ${line.name}`}>
          Remove
        </button>
      </form>
    </>
  );
}
