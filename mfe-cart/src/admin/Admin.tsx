import { Route, Routes } from "@shop/router";
import { injectCartStyles } from "../styles";
import { CouponEditor } from "./CouponEditor";
import { CouponList } from "./CouponList";

/** The cart team's back office (the page table gives it /admin/coupons/*): coupons. */
export default function CartAdmin() {
  injectCartStyles();
  return (
    <Routes>
      <Route path="/admin/coupons" element={<CouponList />} />
      <Route path="/admin/coupons/:code" element={<CouponEditor />} />
    </Routes>
  );
}
