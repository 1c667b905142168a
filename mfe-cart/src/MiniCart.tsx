import type { Cart } from "@shop/contracts";
import { formatMoney } from "@shop/contracts/browser";
import { useDialogOpener } from "@shop/federation";
import { Link } from "@shop/router";
import { useEffect, useRef, useState } from "react";
import CartCount from "./CartCount";
import { CartTotals } from "./CartTotals";
import { itemsLabel } from "./items";
import { LineControls } from "./LineControls";
import { useCartStore } from "./store";
import { injectCartStyles } from "./styles";
import { useCart } from "./useCart";

/** Says each change of the cart, and each refusal, to screen readers, from whichever tab it came. */
function useAnnouncement(cart: Cart | null, error: string | null) {
  const [text, setText] = useState("");
  const seen = useRef<number | null>(null);
  useEffect(() => {
    if (!cart) return;
    if (seen.current !== null && seen.current !== cart.version) {
      setText(`Cart updated: ${itemsLabel(cart.itemCount)}, total ${formatMoney(cart.total)}`);
    }
    seen.current = cart.version;
  }, [cart]);
  useEffect(() => {
    if (error) setText(error);
  }, [error]);
  return text;
}

function MiniCartLines({ cart }: { cart: Cart }) {
  return (
    <ul className="mini-cart__lines">
      {cart.lines.map((line) => (
        <li key={line.sku} className="mini-cart__line" data-testid="mini-cart-line">
          {line.image ? <img src={line.image.url} alt="" width={56} height={Math.round((56 * line.image.height) / line.image.width)} /> : <span />}
          <div>
            <p>
              <strong>{line.name}</strong>
            </p>
            {Object.keys(line.options).length > 0 && <p className="product__sku">{Object.values(line.options).join(" / ")}</p>}
            {line.status === "unavailable" && <p className="form-error">Not available in this quantity</p>}
            <div className="mini-cart__controls">
              <LineControls line={line} />
            </div>
          </div>
          <p>{line.status === "unavailable" ? "—" : formatMoney(line.lineTotal)}</p>
        </li>
      ))}
    </ul>
  );
}

/**
 * The header's cart: a button with the item count that opens a drawer (a modal dialog: focus moves
 * in, Escape or the close button closes it and focus returns to the button).
 */
export default function MiniCart() {
  injectCartStyles();
  const cart = useCart();
  const error = useCartStore((s) => s.error);
  const open = useCartStore((s) => s.drawerOpen);
  const { openDrawer, closeDrawer } = useCartStore.getState();
  const dialog = useRef<HTMLDialogElement>(null);
  const announcement = useAnnouncement(cart, error);
  const count = cart?.itemCount ?? 0;
  const opener = useDialogOpener(open, openDrawer);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  return (
    <>
      {/* Before scripts run (or without them) the cart is its page; with them, a button that opens the
          drawer. The same element throughout: on a page of islands a tap made before the code runs opens it. */}
      <a className="mini-cart__open" href="/cart" {...opener} aria-label={`Cart, ${itemsLabel(count)}`}>
        Cart <CartCount />
      </a>
      <p role="status" className="visually-hidden" data-testid="cart-announcer">
        {announcement}
      </p>
      {/* biome-ignore lint/a11y/useKeyWithClickEvents: a click on the backdrop closes it; from the keyboard Escape does (the dialog's own) */}
      <dialog
        ref={dialog}
        className="mini-cart"
        aria-labelledby="mini-cart-title"
        onClose={closeDrawer}
        // A click on the backdrop lands on the dialog itself.
        onClick={(event) => event.target === event.currentTarget && closeDrawer()}
      >
        {/* Rendered only while open: a closed drawer costs nothing and duplicates nothing on the page. */}
        {open && (
          <div className="mini-cart__body">
            <div className="mini-cart__head">
              <h2 id="mini-cart-title">Your cart</h2>
              <button type="button" className="mini-cart__close" onClick={closeDrawer} aria-label="Close cart">
                ×
              </button>
            </div>
            {error && <p className="form-error">{error}</p>}
            {!cart || cart.lines.length === 0 ? (
              <p>Your cart is empty.</p>
            ) : (
              <>
                <MiniCartLines cart={cart} />
                <CartTotals cart={cart} />
                <div className="mini-cart__actions">
                  <Link className="btn btn-secondary" to="/cart" onClick={closeDrawer}>
                    View cart
                  </Link>
                  <Link className="btn" to="/checkout" onClick={closeDrawer}>
                    Checkout
                  </Link>
                </div>
              </>
            )}
          </div>
        )}
      </dialog>
    </>
  );
}
