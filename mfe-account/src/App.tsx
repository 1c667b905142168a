import { FormMessage } from "@shop/forms";
import { Link, Navigate, Route, Routes, useSearchParams } from "@shop/router";
import { type ReactNode, useEffect, useState } from "react";
import { AddressesPage } from "./Addresses";
import { auth, authClient } from "./auth-client";
import { OrderDetailPage, OrdersPage } from "./Orders";
import { PrivacyPage } from "./Privacy";
import { ProfileForms } from "./Profile";
import { SecurityPage } from "./Security";
import { ForgotPasswordPage, RegisterPage, ResetPasswordPage, SignInPage } from "./SignIn";
import { ensureSession, useSession } from "./session";
import { injectAccountStyles } from "./styles";
import { WishlistPage } from "./Wishlist";

const SECTIONS: Array<[string, string, string]> = [
  ["orders", "Orders", "Follow, open and buy again"],
  ["addresses", "Addresses", "Where we deliver and bill"],
  ["wishlist", "Wishlist", "Products you kept for later"],
  ["security", "Sign-in and security", "Password, passkeys and devices"],
  ["privacy", "Your data", "Email choices, download it or delete your account"],
];

const WELCOME = "Welcome! Your account is ready and your cart came with you. We sent a link to confirm your email.";

function Overview() {
  const profile = useSession((s) => s.profile)!;
  const [params] = useSearchParams();
  const welcome = params.has("welcome");
  const resend = async () => {
    await auth(authClient.sendVerificationEmail({ email: profile.email, callbackURL: "/account" }));
    return "We sent the link again.";
  };
  const [sent, setSent] = useState<{ error?: string; success?: string }>({});
  return (
    <section>
      <h1 className="page-title">Hello, {profile.name}</h1>
      {welcome && (
        <p className="notice" role="status">
          {WELCOME}
        </p>
      )}
      {!profile.emailVerified && (
        <p className="notice">
          Please confirm {profile.email} with the link we sent.{" "}
          <button
            type="button"
            className="btn btn-secondary"
            onClick={() =>
              resend().then(
                (success) => setSent({ success }),
                (err: Error) => setSent({ error: err.message }),
              )
            }
          >
            Send it again
          </button>
        </p>
      )}
      <FormMessage error={sent.error} success={sent.success} />
      <ul className="account-sections">
        {SECTIONS.map(([path, title, detail]) => (
          <li key={path}>
            <Link to={`/account/${path}`}>{title}</Link>
            <span>{detail}</span>
          </li>
        ))}
      </ul>
      <ProfileForms />
    </section>
  );
}

/** Pages that need a signed-in shopper: a guest sees the sign-in form in their place. */
function SignedIn({ children }: { children: ReactNode }) {
  const profile = useSession((s) => s.profile);
  if (profile === undefined) return <p aria-busy="true">Loading your account…</p>;
  return profile ? children : <SignInPage />;
}

/** The account's pages (the page table gives it /account/*). */
export default function AccountApp() {
  injectAccountStyles();
  useEffect(() => void ensureSession(), []);
  const signedIn = (page: ReactNode) => <SignedIn>{page}</SignedIn>;
  return (
    <Routes>
      <Route path="/account" element={signedIn(<Overview />)} />
      <Route path="/account/sign-in" element={<SignInPage />} />
      <Route path="/account/register" element={<RegisterPage />} />
      <Route path="/account/forgot-password" element={<ForgotPasswordPage />} />
      <Route path="/account/reset-password" element={<ResetPasswordPage />} />
      <Route path="/account/orders" element={signedIn(<OrdersPage />)} />
      <Route path="/account/orders/:number" element={signedIn(<OrderDetailPage />)} />
      <Route path="/account/addresses" element={signedIn(<AddressesPage />)} />
      <Route path="/account/wishlist" element={signedIn(<WishlistPage />)} />
      <Route path="/account/security" element={signedIn(<SecurityPage />)} />
      <Route path="/account/privacy" element={signedIn(<PrivacyPage />)} />
      <Route path="/account/*" element={<Navigate to="/account" replace />} />
    </Routes>
  );
}
