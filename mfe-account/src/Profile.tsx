import { Field, FormMessage } from "@shop/forms";
import { useState } from "react";
import { renameProfile } from "./api";
import { auth, authClient } from "./auth-client";
import { useSession } from "./session";
import { useAction } from "./useAction";

/** Name and email: a name changes at once, an email once the new address confirms it. */
export function ProfileForms() {
  const profile = useSession((s) => s.profile)!;
  const [name, setName] = useState(profile.name);
  const [email, setEmail] = useState("");
  const rename = useAction(async () => {
    useSession.setState({ profile: await renameProfile(name) });
    return "Name saved.";
  });
  const move = useAction(async () => {
    await auth(authClient.changeEmail({ newEmail: email, callbackURL: "/account" }));
    return `We sent a link to ${email}. Your email changes once you open it.`;
  });
  return (
    <section aria-labelledby="profile-heading">
      <h2 id="profile-heading">Profile</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void rename.run();
        }}
        noValidate
      >
        <Field id="profile-name" label="Name" autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} />
        <FormMessage error={rename.error} success={rename.success} />
        <button className="btn btn-secondary" type="submit" disabled={rename.busy}>
          Save name
        </button>
      </form>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void move.run();
        }}
        noValidate
      >
        <Field
          id="profile-email"
          label="New email"
          type="email"
          autoComplete="email"
          hint={`Now: ${profile.email}`}
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <FormMessage error={move.error} success={move.success} />
        <button className="btn btn-secondary" type="submit" disabled={move.busy}>
          Change email
        </button>
      </form>
    </section>
  );
}
