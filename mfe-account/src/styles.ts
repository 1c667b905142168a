import { injectStyles } from "@shop/federation/styles";

// The account's own styles (see injectStyles).
const CSS = `
.account-narrow{max-width:440px}
.account-field{display:flex;flex-direction:column;gap:4px;margin:0 0 14px;max-width:480px}
.account-field label{font-weight:600}
.account-field input,.account-field select{font:inherit;min-height:44px;padding:8px 10px;border:1px solid #767676;border-radius:8px;background:#fff}
.account-field input[aria-invalid=true]{border-color:#b3261e;border-width:2px}
.account-field__hint{color:var(--muted);font-size:14px}
.account-or{color:var(--muted)}
.account-sections,.account-orders,.account-addresses,.account-wishlist,.account-list,.account-lines,.account-timeline{list-style:none;margin:0 0 16px;padding:0}
.account-sections li,.account-orders li,.account-addresses li,.account-wishlist li,.account-list li,.account-lines li{display:flex;flex-wrap:wrap;gap:8px 16px;align-items:center;padding:12px 0;border-bottom:1px solid var(--line)}
.account-sections a,.account-orders a{font-weight:700;min-height:24px;display:inline-flex;align-items:center}
.account-sections span,.muted{color:var(--muted)}
.account-timeline li{padding:6px 0 6px 16px;border-left:3px solid var(--brand)}
.account-badge{margin:0;font-size:14px;color:var(--muted)}
.account-menu{position:relative}
.account-menu>button,.account-menu li button{font:inherit;background:none;border:0;color:inherit;cursor:pointer;min-height:44px;padding:0 4px;text-decoration:underline}
.account-menu ul{position:absolute;right:0;top:100%;z-index:20;list-style:none;margin:0;padding:8px;background:#fff;border:1px solid var(--line);border-radius:8px;min-width:180px;box-shadow:0 4px 16px rgba(0,0,0,.12)}
.account-menu li a,.account-menu li button{display:flex;align-items:center;min-height:44px;padding:0 8px;color:var(--ink)}
.wishlist-heart{font:inherit;font-size:22px;line-height:1;min-width:44px;min-height:44px;display:inline-flex;align-items:center;justify-content:center;background:#fff;border:1px solid var(--line);border-radius:50%;color:#b3261e;cursor:pointer;text-decoration:none}
.btn-danger{background:#b3261e;border-color:#b3261e;color:#fff}
`;

export const injectAccountStyles = () => injectStyles("account", CSS);
