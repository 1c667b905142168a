import { injectStyles } from "@shop/federation/styles";

// Checkout's own styles (see injectStyles).
const CSS = `
.checkout-columns{display:grid;grid-template-columns:minmax(0,1fr) minmax(280px,380px);gap:32px;align-items:start}
.checkout-aside{position:sticky;top:16px;background:#fff;border:1px solid var(--line);border-radius:var(--radius);padding:16px 20px}
.checkout-aside h2,.order-summary h2{font-size:18px;margin:0 0 8px}
.checkout-steps ol{display:flex;flex-wrap:wrap;gap:4px 20px;list-style:none;margin:0 0 8px;padding:0;font-size:14px;color:var(--muted)}
.checkout-steps li.is-current{color:var(--ink);font-weight:700}
.checkout-steps a,.checkout-steps span{display:inline-flex;align-items:center;min-height:24px}
.checkout-step-count{margin:-8px 0 16px;color:var(--muted);font-size:14px}
.checkout-form fieldset{border:0;margin:0 0 20px;padding:0}
.checkout-form legend{font-weight:700;font-size:18px;margin-bottom:8px}
.field{display:flex;flex-direction:column;gap:4px;margin-bottom:14px;max-width:480px}
.field label{font-weight:600}
.field input,.field select{font:inherit;min-height:44px;padding:8px 10px;border:1px solid #767676;border-radius:8px;background:#fff}
.field input[aria-invalid=true],.field select[aria-invalid=true]{border-color:#b3261e;border-width:2px}
.field__hint{margin:0;color:var(--muted);font-size:14px}
.field .form-error{margin:0}
.checkout-form__summary:empty{display:none}
.choice-list{display:flex;flex-direction:column;gap:8px;max-width:560px}
.choice{display:grid;grid-template-columns:auto 1fr auto;gap:2px 12px;align-items:center;padding:12px 14px;border:1px solid var(--line);border-radius:8px;background:#fff;cursor:pointer}
.choice:has(input:checked){border-color:var(--brand);box-shadow:0 0 0 1px var(--brand)}
.choice input{width:20px;height:20px;margin:0;grid-row:span 2}
.choice__label{font-weight:600}.choice__detail{grid-column:2;color:var(--muted);font-size:14px}.choice__price{grid-row:1;grid-column:3;font-weight:600}
.reservation-timer{background:#fff8e1;border:1px solid #e0c068;border-radius:8px;padding:10px 14px;margin-bottom:16px;min-height:48px}.reservation-timer p{margin:0}
.notice--error{border-color:#b3261e;background:#fdecea;color:#5f1410}
.checkout-placeholder{min-height:160px}
.order-summary__lines{list-style:none;margin:0 0 12px;padding:0}
.order-summary__lines li{display:flex;justify-content:space-between;gap:12px;padding:6px 0;border-bottom:1px solid var(--line)}
.order-summary__options{color:var(--muted)}
.review-list{display:grid;grid-template-columns:max-content 1fr;gap:10px 20px;margin:0 0 20px}.review-list dt{font-weight:700}.review-list dd{margin:0}
.address-block{font-style:normal}
.checkout-status{min-height:24px}
.btn-large{font-size:18px;padding:14px 22px}
.order-number{font-size:18px}
.order-history{padding-left:20px}
@media (max-width:800px){.checkout-columns{grid-template-columns:minmax(0,1fr)}.checkout-aside{position:static;order:-1}}
`;

export const injectCheckoutStyles = () => injectStyles("checkout-styles", CSS);
