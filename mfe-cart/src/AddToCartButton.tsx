import { type AddToCartButtonProps, CART_FORM_RESULT, MAX_LINE_QUANTITY } from "@shop/contracts/browser";
import { Link, useLocation, useSearchParams } from "@shop/router";
import { useEffect, useState } from "react";
import { QuantityOptions } from "./QuantityOptions";
import { useCartStore } from "./store";

/**
 * Adds the chosen SKU (the product page passes the selected variant); optionally picks a quantity and
 * opens the mini-cart. It is a form: without JavaScript it posts to the edge, which adds and sends the
 * shopper back to this page, saying what happened (CART_FORM_RESULT).
 */
export default function AddToCartButton({ sku, name, inStock, quantity = 1, available, showCart = false }: AddToCartButtonProps) {
  const add = useCartStore((s) => s.add);
  const busy = useCartStore((s) => s.pending.includes(sku));
  const [chosen, setChosen] = useState(quantity);
  const [refusal, setRefusal] = useState("");
  // Said where the shopper is looking (the header's count may be off screen), and announced.
  const [confirmed, setConfirmed] = useState(false);
  useEffect(() => {
    if (!confirmed) return;
    const timer = setTimeout(() => setConfirmed(false), 6000);
    return () => clearTimeout(timer);
  }, [confirmed]);
  const { pathname, search } = useLocation();
  const [params] = useSearchParams();
  if (!inStock) {
    return (
      <button type="button" className="btn" disabled>
        Out of stock
      </button>
    );
  }
  const most = Math.min(MAX_LINE_QUANTITY, available ?? MAX_LINE_QUANTITY);
  // Ids from the SKU, not useId: the edge renders this widget apart from the page around it.
  const pickerId = `quantity-${sku}`;
  const added = params.get(CART_FORM_RESULT.added) === sku;
  const refused = params.get(CART_FORM_RESULT.refused) === sku ? (params.get(CART_FORM_RESULT.reason) ?? "Could not add to cart.") : "";
  return (
    <form
      className="add-to-cart"
      method="post"
      action="/cart/add"
      onSubmit={async (event) => {
        event.preventDefault();
        if (busy) return;
        setRefusal("");
        setConfirmed(false);
        if (await add(sku, chosen)) {
          if (showCart) useCartStore.getState().openDrawer();
          else setConfirmed(true);
        } else setRefusal(useCartStore.getState().error ?? "Could not add to cart.");
      }}
    >
      <input type="hidden" name="sku" value={sku} />
      <input type="hidden" name="return" value={`${pathname}${search}`} />
      {available !== undefined ? (
        <>
          <label htmlFor={pickerId}>Quantity</label>{" "}
          <select id={pickerId} name="quantity" value={chosen} onChange={(e) => setChosen(Number(e.target.value))}>
            <QuantityOptions most={most} />
          </select>{" "}
        </>
      ) : (
        <input type="hidden" name="quantity" value={chosen} />
      )}
      <button
        type="submit"
        className="btn"
        // Not `disabled` while busy: that would take the keyboard focus away from the shopper.
        aria-disabled={busy}
        // The name starts with what the button says, then says which product (a listing has many).
        aria-label={`Add to cart: ${name}`}
      >
        {busy ? "Adding…" : "Add to cart"}
      </button>
      {(refusal || refused) && <p className="form-error">{refusal || refused}</p>}
      {added && !refusal && !confirmed && <p className="notice">Added to your cart.</p>}
      <p className="add-to-cart__done" role="status">
        {confirmed && (
          <>
            Added to your cart. <Link to="/cart">View cart</Link>
          </>
        )}
      </p>
    </form>
  );
}
