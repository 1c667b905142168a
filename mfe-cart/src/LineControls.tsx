import type { CartLine } from "@shop/contracts";
import { MAX_LINE_QUANTITY } from "@shop/contracts/browser";
import { QuantityOptions } from "./QuantityOptions";
import { useCartStore } from "./store";

/**
 * A line's quantity picker and remove button, as the cart page and the mini-cart show them. They stay
 * enabled during a change (disabling would drop the keyboard focus); the cart object orders changes.
 */
export function LineControls({ line }: { line: CartLine }) {
  const setQuantity = useCartStore((s) => s.setQuantity);
  const remove = useCartStore((s) => s.remove);
  return (
    <>
      <label>
        <span className="visually-hidden">Quantity of {line.name}</span>
        <select value={line.quantity} onChange={(e) => void setQuantity(line.sku, Number(e.target.value))}>
          <QuantityOptions most={MAX_LINE_QUANTITY} />
        </select>
      </label>
      <button type="button" className="btn btn-secondary" onClick={() => void remove(line.sku)} aria-label={`Remove ${line.name}`}>
        Remove
      </button>
    </>
  );
}
