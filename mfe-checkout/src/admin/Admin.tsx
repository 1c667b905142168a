import { Route, Routes } from "@shop/router";
import { injectCheckoutStyles } from "../styles";
import { OrderDetail } from "./OrderDetail";
import { OrderList } from "./OrderList";
import { ReturnDetail, ReturnsList } from "./Returns";
import { StockItem, StockLevels } from "./Stock";

/** The checkout team's back office (the page table gives it /admin/orders/*, /admin/returns/* and /admin/stock/*): orders, returns and stock. */
export default function CheckoutAdmin() {
  injectCheckoutStyles();
  return (
    <Routes>
      <Route path="/admin/orders" element={<OrderList />} />
      <Route path="/admin/orders/:number" element={<OrderDetail />} />
      <Route path="/admin/returns" element={<ReturnsList />} />
      <Route path="/admin/returns/:number" element={<ReturnDetail />} />
      <Route path="/admin/stock" element={<StockLevels />} />
      <Route path="/admin/stock/:sku" element={<StockItem />} />
    </Routes>
  );
}
