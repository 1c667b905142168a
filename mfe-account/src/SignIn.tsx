import { ActionForm, Field, useAction } from "@shop/forms";
import { Link, useLocation, useNavigate, useSearchParams } from "@shop/router";
import { useState } from "react";
import { auth, authClient } from "./auth-client";
import { carried, fulfil, intentionOf } from "./intention";
import { useSession } from "./session";

/** What the sign-in page says after the shopper was sent to it. */
const NOTICES: Record<string, string> = {
  reset: "Your password was changed. Sign in with the new one.",
  signedOut: "You are signed out.",
  deleted: "Your account was deleted.",
  verified: "Your email is confirmed. Sign in to continue.",
};

/** What an emailed link that did not work says (the edge sends the browser here with `?error=`). */
const LINK_ERRORS: Record<string, string> = {
  SIGN_IN_TO_CONFIRM_EMAIL: "Sign in first, then open the link in the email again to confirm your new address.",
  INVALID_TOKEN: "That link is not valid any more. Sign in and ask for a new one.",
  TOKEN_EXPIRED: "That link has expired. Sign in and ask for a new one.",
};

export function SignInPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const notice = Object.keys(NOTICES).find((key) => params.has(key));
  const intention = intentionOf(params);
  // Opened from a change that needs a recent sign-in (/account/sign-in): shown even when signed in.
  const again = useLocation().pathname === "/account/sign-in";
  const linkError = LINK_ERRORS[params.get("error") ?? ""];
  const signedIn = useSession((s) => s.signedIn);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const withPassword = useAction(async () => {
    await auth(authClient.signIn.email({ email, password }));
    await signedIn();
    navigate(await fulfil(params, "/account"));
  });
  const withPasskey = useAction(async () => {
    await auth(authClient.signIn.passkey());
    await signedIn();
    navigate(await fulfil(params, "/account"));
  });
  return (
    <section className="account-narrow">
      <h1 className="page-title">Sign in</h1>
      {notice && (
        <p className="notice" role="status">
          {NOTICES[notice]}
        </p>
      )}
      {intention?.keep && (
        <p className="notice" role="status">
          Sign in to keep it in your wishlist: we will save it and take you back.
        </p>
      )}
      {again && (
        <p className="notice" role="status">
          Please sign in again to confirm it is you: we will take you back to finish what you were doing.
        </p>
      )}
      {linkError && (
        <p className="notice notice--error" role="alert">
          {linkError}
        </p>
      )}
      <ActionForm action={withPassword} submit="Sign in" busy="Signing in…" error={withPassword.error ?? withPasskey.error}>
        <Field id="email" label="Email" type="email" autoComplete="username webauthn" required value={email} onValue={setEmail} />
        <Field id="password" label="Password" type="password" autoComplete="current-password" required value={password} onValue={setPassword} />
      </ActionForm>
      <p className="account-or">or</p>
      <button className="btn btn-secondary" type="button" onClick={() => void withPasskey.run()} disabled={withPasskey.busy}>
        Sign in with a passkey
      </button>
      <p>
        <Link to="/account/forgot-password">Forgot your password?</Link>
      </p>
      <p>
        New here? <Link to={`/account/register${carried(params)}`}>Create an account</Link>. Your cart comes with you.
      </p>
    </section>
  );
}

export function RegisterPage() {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const signedIn = useSession((s) => s.signedIn);
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const register = useAction(async () => {
    // Registering answers the same for a new and a taken email; signing in then tells them apart
    // only to someone who knows the password.
    await auth(authClient.signUp.email({ name, email, password, callbackURL: "/account" }));
    await auth(authClient.signIn.email({ email, password }));
    await signedIn();
    navigate(await fulfil(params, "/account?welcome=1"));
  });
  return (
    <section className="account-narrow">
      <h1 className="page-title">Create an account</h1>
      <ActionForm action={register} submit="Create account" busy="Creating your account…">
        <Field id="name" label="Name" autoComplete="name" required value={name} onValue={setName} />
        <Field id="email" label="Email" type="email" autoComplete="email" required value={email} onValue={setEmail} />
        <Field
          id="new-password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters. A few unrelated words make a strong one."
          required
          minLength={8}
          maxLength={128}
          value={password}
          onValue={setPassword}
        />
      </ActionForm>
      <p>
        Already have one? <Link to="/account">Sign in</Link>
      </p>
    </section>
  );
}

export function ForgotPasswordPage() {
  const [email, setEmail] = useState("");
  const ask = useAction(async () => {
    await auth(authClient.requestPasswordReset({ email, redirectTo: "/account/reset-password" }));
    return "If an account uses this email, a link to choose a new password is on its way. It works for one hour.";
  });
  return (
    <section className="account-narrow">
      <h1 className="page-title">Reset your password</h1>
      <ActionForm action={ask} submit="Send the link">
        <Field id="email" label="Email" type="email" autoComplete="email" required value={email} onValue={setEmail} />
      </ActionForm>
    </section>
  );
}

export function ResetPasswordPage() {
  const navigate = useNavigate();
  const token = new URLSearchParams(window.location.search).get("token") ?? "";
  const [password, setPassword] = useState("");
  const reset = useAction(async () => {
    await auth(authClient.resetPassword({ token, newPassword: password }));
    navigate("/account?reset=1");
  });
  return (
    <section className="account-narrow">
      <h1 className="page-title">Choose a new password</h1>
      {!token || new URLSearchParams(window.location.search).get("error") ? (
        <p className="notice notice--error">
          This link has expired or was already used. <Link to="/account/forgot-password">Ask for a new one</Link>.
        </p>
      ) : (
        <ActionForm action={reset} submit="Save the new password">
          <Field
            id="new-password"
            label="New password"
            type="password"
            autoComplete="new-password"
            hint="At least 8 characters. This signs you out everywhere."
            required
            value={password}
            onValue={setPassword}
          />
        </ActionForm>
      )}
    </section>
  );
}
