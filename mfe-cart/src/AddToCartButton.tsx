import type { AddToCartButtonProps } from "@shop/contracts/browser";
import { useState } from "react";
import { useCartStore } from "./store";

export default function AddToCartButton({ sku, name, inStock, quantity = 1 }: AddToCartButtonProps) {
  const add = useCartStore((s) => s.add);
  const busy = useCartStore((s) => s.adding.includes(sku));
  const [message, setMessage] = useState("");
  if (!inStock) {
    return (
      <button type="button" className="btn" disabled>
        Out of stock
      </button>
    );
  }
  return (
    <div>
      <button
        type="button"
        className="btn"
        disabled={busy}
        aria-label={`Add ${name} to cart`}
        onClick={async () => {
          const ok = await add(sku, quantity);
          setMessage(ok ? `Added ${name} to your cart.` : (useCartStore.getState().error ?? "Could not add to cart."));
        }}
      >
        {busy ? "Adding…" : "Add to cart"}
      </button>
      <span role="status" className={message.startsWith("Added") ? "visually-hidden" : "form-error"}>
        {message}
      </span>
    </div>
  );
}
