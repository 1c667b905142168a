import { Link } from "@shop/router";

export default function AccountApp() {
  return (
    <section>
      <h1 className="page-title">Your account</h1>
      <p className="notice">
        Accounts are not open yet: there is nothing to sign in to. Your cart is kept on this device in the meantime.
      </p>
      <Link to="/">Continue shopping</Link>
    </section>
  );
}
