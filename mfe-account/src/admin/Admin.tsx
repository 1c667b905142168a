import { Route, Routes } from "@shop/router";
import { injectAccountStyles } from "../styles";
import { CustomerPage, CustomerSearch } from "./Customers";

/** The account team's back office (the page table gives it /admin/customers/*): customers and roles. */
export default function AccountAdmin() {
  injectAccountStyles();
  return (
    <Routes>
      <Route path="/admin/customers" element={<CustomerSearch />} />
      <Route path="/admin/customers/:id" element={<CustomerPage />} />
    </Routes>
  );
}
