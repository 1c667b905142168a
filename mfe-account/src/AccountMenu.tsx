import { Link, useNavigate } from "@shop/router";
import { useEffect, useRef, useState } from "react";
import { ensureSession, useRenderedProfile, useSession } from "./session";
import { injectAccountStyles } from "./styles";

/** The header's account entry: "Sign in" for a guest, the shopper's name and a menu once signed in. */
export default function AccountMenu() {
  // The edge renders the menu for this shopper; the page's session store starts from what it used.
  const rendered = useRenderedProfile();
  const stored = useSession((s) => s.profile);
  // The store's once it knows (it follows sign-in and sign-out); the edge's until then.
  const profile = stored !== undefined ? stored : rendered;
  const signOut = useSession((s) => s.signOut);
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  injectAccountStyles();
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => void ensureSession(), []);
  useEffect(() => {
    if (!open) return;
    const close = (event: KeyboardEvent | MouseEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !menu.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", close);
    document.addEventListener("click", close);
    return () => {
      document.removeEventListener("keydown", close);
      document.removeEventListener("click", close);
    };
  }, [open]);
  if (!profile) return <Link to="/account">{profile === null ? "Sign in" : "Account"}</Link>;
  const firstName = profile.name.split(" ")[0] || "Account";
  return (
    <div className="account-menu" ref={menu}>
      <button type="button" aria-expanded={open} aria-controls="account-menu-list" onClick={() => setOpen(!open)}>
        <span className="visually-hidden">Account of </span>
        {firstName}
      </button>
      <ul id="account-menu-list" hidden={!open}>
        {[
          ["/account", "Your account"],
          ["/account/orders", "Orders"],
          ["/account/wishlist", "Wishlist"],
        ].map(([to, label]) => (
          <li key={to}>
            <Link to={to!} onClick={() => setOpen(false)}>
              {label}
            </Link>
          </li>
        ))}
        <li>
          <button
            type="button"
            onClick={() => {
              setOpen(false);
              void signOut().then(() => navigate("/account?signedOut=1"));
            }}
          >
            Sign out
          </button>
        </li>
      </ul>
    </div>
  );
}
