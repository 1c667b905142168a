import type { AdminCoupon, AdminCouponList } from "@shop/contracts";
import { requestJson } from "@shop/contracts/browser";

// The cart team's back-office calls (under /api/admin).

const COUPONS = "/api/admin/coupons";
const one = (code: string) => `${COUPONS}/${encodeURIComponent(code)}`;

export const listCoupons = (q: string, offset = 0) => requestJson<AdminCouponList>(`${COUPONS}?${new URLSearchParams({ q, offset: String(offset) })}`);
export const fetchCoupon = (code: string) => requestJson<AdminCoupon>(one(code));
export const createCoupon = (terms: Record<string, unknown>) => requestJson<AdminCoupon>(COUPONS, { method: "POST", body: JSON.stringify(terms) });
export const changeCoupon = (code: string, change: Record<string, unknown>) =>
  requestJson<AdminCoupon>(one(code), { method: "PATCH", body: JSON.stringify(change) });
