import { ActionForm, Field, FormMessage, useAction } from "@shop/forms";
import { useCallback, useEffect, useState } from "react";
import { revokeSession } from "./api";
import { auth, authClient } from "./auth-client";
import { useSession } from "./session";

interface SessionRow {
  id: string;
  createdAt: string | Date;
  userAgent?: string | null;
  ipAddress?: string | null;
}
interface PasskeyRow {
  id: string;
  name?: string | null;
  createdAt?: string | Date | null;
}

const when = (at: string | Date | null | undefined) => (at ? new Date(at).toLocaleString() : "");

function PasswordForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const change = useAction(async () => {
    await auth(authClient.changePassword({ currentPassword: current, newPassword: next }));
    setCurrent("");
    setNext("");
    return "Password changed. Every other device was signed out.";
  });
  return (
    <ActionForm action={change} submit="Change password" aria-labelledby="password-heading">
      <h2 id="password-heading">Password</h2>
      <Field id="current-password" label="Current password" type="password" autoComplete="current-password" value={current} onValue={setCurrent} />
      <Field
        id="changed-password"
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        value={next}
        onValue={setNext}
      />
    </ActionForm>
  );
}

function Passkeys() {
  const [passkeys, setPasskeys] = useState<PasskeyRow[] | null>(null);
  const reload = useCallback(async () => setPasskeys((await auth(authClient.passkey.listUserPasskeys())) as PasskeyRow[]), []);
  useEffect(() => void reload().catch(() => setPasskeys([])), [reload]);
  const add = useAction(async () => {
    await auth(authClient.passkey.addPasskey({ name: `Passkey added ${new Date().toLocaleDateString()}` }));
    await reload();
    return "Passkey added. You can sign in with it from now on.";
  });
  const remove = useAction(async (id: string) => {
    await auth(authClient.passkey.deletePasskey({ id }));
    await reload();
    return "Passkey removed.";
  });
  return (
    <section aria-labelledby="passkeys-heading">
      <h2 id="passkeys-heading">Passkeys</h2>
      <p>Sign in with your fingerprint, face or device PIN instead of a password.</p>
      <ul className="account-list">
        {passkeys?.map((key) => (
          <li key={key.id}>
            {key.name ?? "Passkey"} <span className="muted">added {when(key.createdAt)}</span>{" "}
            <button type="button" className="btn btn-secondary" onClick={() => void remove.run(key.id)} aria-label={`Remove ${key.name ?? "passkey"}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <FormMessage error={add.error ?? remove.error} success={add.success ?? remove.success} />
      <button type="button" className="btn" onClick={() => void add.run()} disabled={add.busy}>
        Add a passkey
      </button>
    </section>
  );
}

function Sessions() {
  const [sessions, setSessions] = useState<SessionRow[] | null>(null);
  const [current, setCurrent] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const [list, mine] = await Promise.all([auth(authClient.listSessions()), auth(authClient.getSession())]);
    setSessions(list as SessionRow[]);
    setCurrent((mine as { session: { id: string } } | null)?.session.id ?? null);
  }, []);
  useEffect(() => void reload().catch(() => setSessions([])), [reload]);
  const end = useAction(async (id: string) => {
    await revokeSession(id);
    await reload();
    return "That device was signed out.";
  });
  const endOthers = useAction(async () => {
    await auth(authClient.revokeOtherSessions());
    await reload();
    return "Every other device was signed out.";
  });
  return (
    <section aria-labelledby="sessions-heading">
      <h2 id="sessions-heading">Where you're signed in</h2>
      <ul className="account-list">
        {sessions?.map((s) => (
          <li key={s.id}>
            {s.userAgent ? s.userAgent.slice(0, 80) : "A browser"} <span className="muted">since {when(s.createdAt)}</span>{" "}
            {s.id === current ? (
              <strong>This device</strong>
            ) : (
              <button type="button" className="btn btn-secondary" onClick={() => void end.run(s.id)}>
                Sign out this device
              </button>
            )}
          </li>
        ))}
      </ul>
      <FormMessage error={end.error ?? endOthers.error} success={end.success ?? endOthers.success} />
      <button type="button" className="btn btn-secondary" onClick={() => void endOthers.run()} disabled={endOthers.busy}>
        Sign out every other device
      </button>
    </section>
  );
}

export function SecurityPage() {
  const profile = useSession((s) => s.profile);
  return (
    <section>
      <h1 className="page-title">Sign-in and security</h1>
      {profile?.hasPassword && <PasswordForm />}
      <Passkeys />
      <Sessions />
    </section>
  );
}
