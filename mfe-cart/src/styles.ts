import { injectStyles } from "@shop/federation/styles";

// The cart's own styles (see injectStyles).
const CSS = `
.mini-cart__open{display:inline-flex;gap:6px;align-items:center;border:0;background:none;padding:6px 0;font-weight:600;color:var(--ink)}
.mini-cart{margin:0 0 0 auto;height:100dvh;max-height:none;width:min(420px,100vw);border:0;padding:0;box-shadow:-8px 0 32px rgba(0,0,0,.15)}
.mini-cart::backdrop{background:rgba(0,0,0,.35)}
.mini-cart__body{display:flex;flex-direction:column;gap:12px;height:100%;box-sizing:border-box;padding:20px}
.mini-cart__head{display:flex;justify-content:space-between;align-items:center}.mini-cart__head h2{margin:0;font-size:20px}
.mini-cart__close{border:0;background:none;font-size:24px;line-height:1;padding:4px 8px}
.mini-cart__lines{list-style:none;margin:0;padding:0;overflow:auto;flex:1}
.mini-cart__line{display:grid;grid-template-columns:56px 1fr auto;gap:10px;padding:10px 0;border-bottom:1px solid var(--line)}
.mini-cart__line img{width:56px;height:auto;border-radius:6px}.mini-cart__line p{margin:0}
.mini-cart__controls{display:flex;gap:8px;align-items:center;margin-top:4px}
.mini-cart__actions{display:flex;gap:12px}.mini-cart__actions>*{flex:1;text-align:center}
.link-button{border:0;background:none;color:var(--brand);padding:0;text-decoration:underline}
.coupon{margin:16px 0 0 auto;max-width:360px}.coupon form{display:flex;gap:8px}.coupon input{flex:1;padding:8px;border:1px solid var(--line);border-radius:8px;font:inherit;text-transform:uppercase}
[aria-busy=true]{opacity:.6}
.cart-summary h2{font-size:18px;margin:0 0 8px}.cart-summary__lines{list-style:none;margin:0 0 12px;padding:0}
.cart-summary__lines li{display:flex;justify-content:space-between;gap:12px;padding:6px 0;border-bottom:1px solid var(--line)}
.cart-lines{list-style:none;margin:0;padding:0;background:#fff;border:1px solid var(--line);border-radius:var(--radius)}
.cart-line{display:grid;grid-template-columns:72px minmax(0,1fr) 110px auto 100px;gap:8px 16px;align-items:center;padding:16px;border-bottom:1px solid var(--line)}
.cart-line:last-child{border-bottom:0}
.cart-line p{margin:0}.cart-line__image{width:72px;height:auto;border-radius:8px}
.cart-line__name{font-weight:600}.cart-line__options{color:var(--muted);font-size:14px}
.cart-line__price,.cart-line__total{text-align:right}.cart-line__total{font-weight:700}.cart-line__unit{color:var(--muted);font-size:13px}
.cart-line__controls{display:flex;gap:8px;align-items:center}
@media (max-width:640px){
.cart-line{grid-template-columns:64px minmax(0,1fr) auto;grid-template-areas:"image item item" "image price total" "controls controls controls"}
.cart-line__image{grid-area:image;width:64px;align-self:start}.cart-line__item{grid-area:item}
.cart-line__price{grid-area:price;text-align:left}.cart-line__total{grid-area:total}.cart-line__controls{grid-area:controls}
.coupon{max-width:none}
}
`;

export const injectCartStyles = () => injectStyles("cart-styles", CSS);
