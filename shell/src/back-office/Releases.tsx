import type { Registry, RegistryChange } from "@shop/contracts";
import { requestJson } from "@shop/contracts/browser";
import { ActionForm, Field, FormMessage, TableRegion, useAction } from "@shop/forms";
import { useEffect, useState } from "react";

// The platform's releases page: which version of each app every visitor gets (its stable version),
// what it was built from, a rollback to the one before, and every registry change with who and why.

const when = (iso: string | undefined) => (iso ? new Date(iso).toLocaleString("en-US", { dateStyle: "medium", timeStyle: "short" }) : "—");

function RollBack({ app, to, onDone }: { app: string; to: string; onDone: () => Promise<void> }) {
  const [reason, setReason] = useState("");
  const rollBack = useAction(async () => {
    await requestJson(`/api/registry/${app}/rollback`, { method: "POST", body: JSON.stringify(reason.trim() ? { reason: reason.trim() } : {}) });
    await onDone();
    return `${app} is back on ${to} for every visitor.`;
  });
  return (
    <ActionForm action={rollBack} submit={`Roll ${app} back to ${to}`} buttonClassName="btn btn-secondary" busy="Rolling back…" aria-label={`Roll back ${app}`}>
      <Field id={`reason-${app}`} label="Why" value={reason} onValue={setReason} />
    </ActionForm>
  );
}

export default function Releases() {
  const [registry, setRegistry] = useState<Registry | null>(null);
  const [changes, setChanges] = useState<RegistryChange[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = async () => {
    try {
      const [apps, log] = await Promise.all([
        requestJson<Registry>("/api/registry"),
        requestJson<{ changes: RegistryChange[] }>("/api/registry/changes?limit=30"),
      ]);
      setRegistry(apps);
      setChanges(log.changes);
    } catch (err) {
      setError((err as Error).message);
    }
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once; a rollback loads again itself
  useEffect(() => {
    void load();
  }, []);
  return (
    <section>
      <h1 className="page-title">Releases</h1>
      <FormMessage error={error} />
      {registry === null ? (
        !error && <p aria-busy="true">Loading releases…</p>
      ) : (
        <TableRegion label="Apps">
          <caption className="visually-hidden">Each app's stable version</caption>
          <thead>
            <tr>
              <th scope="col">App</th>
              <th scope="col">Stable</th>
              <th scope="col">Built</th>
              <th scope="col">Versions kept</th>
              <th scope="col">Roll back</th>
            </tr>
          </thead>
          <tbody>
            {registry.apps.map((app) => {
              const stable = app.versions.find((v) => v.version === app.stable);
              const previous = app.history.at(-1);
              return (
                <tr key={app.name}>
                  <th scope="row">{app.name}</th>
                  <td>{app.stable ?? "none"}</td>
                  <td>
                    {when(stable?.build.builtAt)}
                    {stable?.build.commit && ` · ${stable.build.commit.slice(0, 7)}`}
                  </td>
                  <td>{app.versions.length}</td>
                  <td>{previous ? <RollBack app={app.name} to={previous} onDone={load} /> : "—"}</td>
                </tr>
              );
            })}
          </tbody>
        </TableRegion>
      )}
      <h2>Changes</h2>
      {changes.length === 0 ? (
        <p>No registry change yet.</p>
      ) : (
        <TableRegion label="Registry changes">
          <caption className="visually-hidden">Registry changes, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={`${change.at} ${change.action} ${change.app ?? change.experiment}`}>
                <td>{when(change.at)}</td>
                <td>{change.actor}</td>
                <td>
                  {change.action} {change.app ?? change.experiment ?? ""} {change.version ?? ""}
                </td>
                <td>{change.reason ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </section>
  );
}
