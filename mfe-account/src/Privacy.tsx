import { ActionForm, Field, useAction } from "@shop/forms";
import { useNavigate } from "@shop/router";
import { useState } from "react";
import { deleteAccount } from "./api";
import { MailPreferencesForm } from "./MailPreferences";
import { useSession } from "./session";

export function PrivacyPage() {
  const navigate = useNavigate();
  const profile = useSession((s) => s.profile);
  const [password, setPassword] = useState("");
  const [confirmText, setConfirmText] = useState("");
  const remove = useAction(async () => {
    if (confirmText.trim().toLowerCase() !== "delete my account") throw new Error('Type "delete my account" to confirm.');
    await deleteAccount(profile?.hasPassword ? password : undefined);
    useSession.setState({ profile: null, wishlist: undefined });
    navigate("/account?deleted=1");
  });
  return (
    <section>
      <h1 className="page-title">Your data</h1>
      <MailPreferencesForm />
      <h2>Download your data</h2>
      <p>Everything we keep about you (profile, addresses, orders, wishlist, cart and sign-ins) as one JSON file.</p>
      <a className="btn btn-secondary" href="/api/account/export" download>
        Download my data
      </a>
      <h2>Delete your account</h2>
      <p>
        Your name, email, addresses, wishlist, cart, passkeys and sign-ins are erased. Orders stay in our books for accounting, without your name or address.
        This cannot be undone.
      </p>
      <ActionForm action={remove} submit="Delete my account" buttonClassName="btn btn-danger">
        {profile?.hasPassword && (
          <Field id="delete-password" label="Your password" type="password" autoComplete="current-password" value={password} onValue={setPassword} />
        )}
        <Field id="delete-confirm" label='Type "delete my account"' autoComplete="off" value={confirmText} onValue={setConfirmText} />
      </ActionForm>
    </section>
  );
}
