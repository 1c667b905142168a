import { Hono } from "hono";
import { html } from "hono/html";
import { cachePolicy } from "../cache-policy";
import { edgePageHeaders, edgePage as page, refusedUnlessOperator } from "../delivery/edge-page";
import type { AppEnv } from "../env";
import { listChanges } from "../registry/change-log";
import { runningExperiments } from "./experiments";
import { type ExperimentReport, experimentReport } from "./report";

/** `/admin/experiments`: the operators' view of the experiments, rendered at the edge (no remote to load). */
export const operatorPages = new Hono<AppEnv>();

operatorPages.use("*", edgePageHeaders);

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;
const interval = ([low, high]: [number, number]) => `${pct(low)} to ${pct(high)}`;

function reportTable(report: ExperimentReport) {
  const { experiment } = report;
  const srm = report.sampleRatio;
  return html`<section aria-labelledby="exp-${experiment.id}">
<h2 id="exp-${experiment.id}">${experiment.id}</h2>
<p>${experiment.status === "running" ? "Running" : `Ended ${experiment.endedAt ?? ""}`} since ${experiment.startedAt}, phase ${experiment.phase} (since ${experiment.phaseStartedAt})${experiment.rollout ? html`; rollout step ${experiment.rollout.step + 1} of ${experiment.rollout.steps.length} (${experiment.rollout.steps.join("% → ")}%)${experiment.rollout.waiting ? `, ${experiment.rollout.waiting}` : ""}` : ""}.</p>
<p class="verdict">Verdict: ${report.verdict}</p>
<p${srm?.mismatch ? html` class="warn"` : ""}>Sample ratio: ${srm ? `χ² = ${srm.chiSquared.toFixed(2)}, p = ${srm.pValue.toPrecision(3)}${srm.mismatch ? " — the split does not match the weights" : " — as the weights say"}` : "no visitors yet"}.</p>
<div class="table-wrap" tabindex="0" role="region" aria-label="${experiment.id}: variants">
<table>
<caption>${experiment.id}: variants against the control (${experiment.variants[0]!.name})</caption>
<thead><tr><th scope="col">Variant</th><th scope="col">Weight</th><th scope="col">Versions</th><th scope="col">Visitors</th><th scope="col">Orders</th><th scope="col">Conversion</th><th scope="col">Revenue per visitor</th><th scope="col">Failures</th><th scope="col">Lift (95% interval)</th><th scope="col">p-value</th><th scope="col">Sequential p (interval)</th><th scope="col">Verdict</th></tr></thead>
<tbody>${report.variants.map(
    (v) =>
      html`<tr><th scope="row">${v.variant}</th><td>${v.weight}%</td><td>${
        Object.entries(v.versions)
          .map(([app, version]) => `${app}@${version}`)
          .join(", ") || "stable"
      }</td><td>${v.visitors}</td><td>${v.orders}</td><td>${pct(v.conversionRate)}</td><td>${money(v.revenuePerVisitorCents)}</td><td>${pct(v.failureRate)} (${v.failed} of ${v.networks} networks)</td><td>${v.comparison ? `${pct(v.comparison.lift)} (${interval(v.comparison.liftInterval)})` : "—"}</td><td>${v.comparison ? v.comparison.pValue.toPrecision(3) : "—"}</td><td>${v.comparison ? `${v.comparison.sequentialPValue.toPrecision(3)} (${interval(v.comparison.sequentialLiftInterval)})` : "—"}</td><td>${v.verdict}</td></tr>`,
  )}</tbody></table></div></section>`;
}

operatorPages.get("/experiments", async (c) => {
  const refused = await refusedUnlessOperator(c);
  if (refused) return refused;
  const db = c.get("db")();
  const [running, recent] = await Promise.all([runningExperiments(c.env), listChanges(db, { limit: 200 })]);
  const reports = await Promise.all(running.map((e) => experimentReport(c.env, db, e.id)));
  const ended = [
    ...new Set(recent.filter((change) => change.action === "experiment_stop" || change.action === "rollout_complete").map((change) => change.experiment!)),
  ];
  const body = html`${reports.length ? reports.map(reportTable) : html`<p>No experiment is running. Start one with <code>npm run experiment -- start …</code>.</p>`}
${ended.length ? html`<h2>Ended recently</h2><ul>${ended.map((id) => html`<li><a href="/admin/experiments/${encodeURIComponent(id)}">${id}</a></li>`)}</ul>` : ""}`;
  return c.html(page("Experiments", body), 200, cachePolicy.private);
});

operatorPages.get("/experiments/:id", async (c) => {
  const refused = await refusedUnlessOperator(c);
  if (refused) return refused;
  const report = await experimentReport(c.env, c.get("db")(), c.req.param("id"));
  return c.html(
    page(`Experiment ${report.experiment.id}`, html`${reportTable(report)}<p><a href="/admin/experiments">All experiments</a></p>`),
    200,
    cachePolicy.private,
  );
});
