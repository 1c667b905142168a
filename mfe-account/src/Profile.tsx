import { ActionForm, Field, useAction } from "@shop/forms";
import { useState } from "react";
import { renameProfile } from "./api";
import { auth, authClient } from "./auth-client";
import { useSession } from "./session";

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
      <ActionForm action={rename} submit="Save name" buttonClassName="btn btn-secondary">
        <Field id="profile-name" label="Name" autoComplete="name" value={name} onValue={setName} />
      </ActionForm>
      <ActionForm action={move} submit="Change email" buttonClassName="btn btn-secondary">
        <Field id="profile-email" label="New email" type="email" autoComplete="email" hint={`Now: ${profile.email}`} value={email} onValue={setEmail} />
      </ActionForm>
    </section>
  );
}
