import { type AddToCartButtonProps, MAX_LINE_QUANTITY } from "@shop/contracts/browser";
import { useId, useState } from "react";
import { QuantityOptions } from "./QuantityOptions";
import { useCartStore } from "./store";

/** Adds the chosen SKU (the product page passes the selected variant); optionally picks a quantity and opens the mini-cart. */
export default function AddToCartButton({ sku, name, inStock, quantity = 1, available, showCart = false }: AddToCartButtonProps) {
  const add = useCartStore((s) => s.add);
  const busy = useCartStore((s) => s.pending.includes(sku));
  const [chosen, setChosen] = useState(quantity);
  const [refusal, setRefusal] = useState("");
  const pickerId = useId();
  if (!inStock) {
    return (
      <button type="button" className="btn" disabled>
        Out of stock
      </button>
    );
  }
  const most = Math.min(MAX_LINE_QUANTITY, available ?? MAX_LINE_QUANTITY);
  return (
    <div className="add-to-cart">
      {available !== undefined && (
        <>
          <label htmlFor={pickerId}>Quantity</label>{" "}
          <select id={pickerId} value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
            <QuantityOptions most={most} />
          </select>{" "}
        </>
      )}
      <button
        type="button"
        className="btn"
        // Not `disabled` while busy: that would take the keyboard focus away from the shopper.
        aria-disabled={busy}
        // The name starts with what the button says, then says which product (a listing has many).
        aria-label={`Add to cart: ${name}`}
        onClick={async () => {
          if (busy) return;
          setRefusal("");
          if (await add(sku, chosen)) {
            if (showCart) useCartStore.getState().openDrawer();
          } else setRefusal(useCartStore.getState().error ?? "Could not add to cart.");
        }}
      >
        {busy ? "Adding…" : "Add to cart"}
      </button>
      {refusal && <p className="form-error">{refusal}</p>}
    </div>
  );
}
