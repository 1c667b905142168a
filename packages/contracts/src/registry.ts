import { z } from "zod";

/** Why a registry change was made, kept in its record (optional on every registry write). */
export const ChangeReason = z.string().trim().min(1).max(500);

export const APP_NAMES = ["shell", "catalog", "cart", "checkout", "account"] as const;
export const AppName = z.enum(APP_NAMES);
export type AppName = z.infer<typeof AppName>;
export type RemoteName = Exclude<AppName, "shell">;

/** Semantic version, optionally with a pre-release tag such as `1.4.0-3fa9c2d1`. */
export const Version = z.string().regex(/^\d{1,6}\.\d{1,6}\.\d{1,6}(?:-[0-9A-Za-z][0-9A-Za-z.-]{0,63})?$/, "version must look like 1.2.3 or 1.2.3-tag");

/** A file path inside one app version: relative, no `..`, no hidden files. */
export const AssetPath = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(?!.*(?:^|\/)\.)[A-Za-z0-9_@~-][A-Za-z0-9_.@~/-]*$/, "file path must be relative, without '..' or hidden segments");

export const PublishVersion = z
  .object({
    files: z
      .array(z.object({ path: AssetPath, contentBase64: z.string().max(8_000_000) }))
      .min(1)
      .max(500),
    /** Where it was built, reported by the release command. */
    build: z
      .object({
        commit: z
          .string()
          .regex(/^[0-9a-f]{7,40}(?:-dirty)?$/, "commit is a git hash")
          .optional(),
        builtAt: z.iso.datetime().optional(),
      })
      .optional(),
    reason: ChangeReason.optional(),
  })
  .meta({ id: "PublishVersion" });
export type PublishVersion = z.infer<typeof PublishVersion>;

export const SetStable = z.object({ version: Version, reason: ChangeReason.optional() }).meta({ id: "SetStable" });

/** An operator asks for a QA link that pins remote versions for whoever opens it, for a while. */
export const PinLinkRequest = z
  .object({
    pins: z
      .partialRecord(z.enum(["catalog", "cart", "checkout", "account"]), Version)
      .refine((pins) => Object.keys(pins).length > 0, "name at least one remote version to pin"),
    hours: z.number().int().min(1).max(168, "a pin link runs at most 168 hours (a week)").default(24),
    reason: ChangeReason.optional(),
  })
  .meta({ id: "PinLinkRequest" });
export const PinLink = z.object({ url: z.url(), expiresAt: z.string() }).meta({ id: "PinLink" });

export const AppVersion = z.object({
  version: Version,
  publishedAt: z.string(),
  /** Files the browser loads first: `remoteEntry.js` for a remote, the initial scripts for the shell. */
  entry: z.array(z.string()),
  /** Files fetched in parallel with the entry because start-up needs them (the shell's chunks). */
  preload: z.array(z.string()),
  /** A remote's exposed modules and the chunks each needs, e.g. `{ "./App": ["482.533b7d2c.js"] }`. */
  exposes: z.record(z.string(), z.array(z.string())),
  /** Its stylesheets, linked by documents whose HTML the edge renders with it. */
  styles: z.array(z.string()).optional(),
  /** Its server bundle (ESM for workerd), when the edge renders some of its modules: which, and the file. */
  server: z.object({ file: z.string(), modules: z.array(z.string()) }).optional(),
  /** What it was built with and where: shared singletons' versions, contracts version, commit, time. */
  build: z.object({
    shared: z.record(z.string(), z.string()).optional(),
    contracts: z.string().optional(),
    commit: z.string().optional(),
    builtAt: z.string().optional(),
  }),
});
export type AppVersion = z.infer<typeof AppVersion>;

export const RegistryApp = z
  .object({
    name: AppName,
    stable: Version.nullable(),
    /** Earlier stable versions, newest last: what a rollback returns to. */
    history: z.array(Version),
    versions: z.array(AppVersion),
  })
  .meta({ id: "RegistryApp" });
export type RegistryApp = z.infer<typeof RegistryApp>;

export const Registry = z.object({ apps: z.array(RegistryApp) }).meta({ id: "Registry" });
export type Registry = z.infer<typeof Registry>;

export const REMOTE_NAMES = ["catalog", "cart", "checkout", "account"] as const;
export const RemoteAppName = z.enum(REMOTE_NAMES);

export const ExperimentId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "experiment ids are lower-case letters, digits and dashes, up to 63");

export const ExperimentVariant = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,30}$/, "variant names are lower-case letters, digits and dashes, up to 31"),
  /** Percent of the experiment's visitors; the weights of all variants add up to 100. */
  weight: z.number().int().min(0).max(100),
  /** The remote versions this variant pins; apps it does not name get their stable version. */
  versions: z.partialRecord(RemoteAppName, Version).default({}),
});

export const Guardrail = z.object({
  /** A variant whose share of exposed visitors reporting a load or render failure passes this is stopped. */
  maxFailureRate: z.number().min(0).max(1).default(0.05),
  /** …once it has at least this many exposures, so one unlucky visitor does not stop it. */
  minExposures: z.number().int().min(1).max(1_000_000).default(100),
});

export const RolloutSchedule = z.object({
  /** The candidate's (second variant's) percent at each step, rising, ending at 100: e.g. [1, 10, 50, 100]. */
  steps: z.array(z.number().int().min(1).max(100)).min(1).max(20),
  /** How long each step runs before the next, if the guardrail holds. */
  stepMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 90),
});

export const PutExperiment = z
  .object({
    variants: z.array(ExperimentVariant).min(2).max(6),
    guardrail: Guardrail.default({ maxFailureRate: 0.05, minExposures: 100 }),
    rollout: RolloutSchedule.optional(),
    reason: ChangeReason.optional(),
  })
  .superRefine((value, ctx) => {
    const names = value.variants.map((v) => v.name);
    if (new Set(names).size !== names.length) ctx.addIssue({ code: "custom", path: ["variants"], message: "variant names must be different" });
    if (value.variants.reduce((sum, v) => sum + v.weight, 0) !== 100)
      ctx.addIssue({ code: "custom", path: ["variants"], message: "variant weights must add up to 100" });
    if (!value.variants.slice(1).every((v) => Object.keys(v.versions).length > 0)) {
      ctx.addIssue({ code: "custom", path: ["variants"], message: "every variant after the control must pin at least one app version" });
    }
    const { rollout } = value;
    if (!rollout) return;
    if (value.variants.length !== 2) ctx.addIssue({ code: "custom", path: ["rollout"], message: "a rollout has two variants: the control and the candidate" });
    const rising = rollout.steps.every((step, i) => i === 0 || step > rollout.steps[i - 1]!);
    if (!rising || rollout.steps.at(-1) !== 100)
      ctx.addIssue({ code: "custom", path: ["rollout", "steps"], message: "rollout steps must rise and end at 100" });
    if (value.variants[1]?.weight !== rollout.steps[0])
      ctx.addIssue({ code: "custom", path: ["variants"], message: "a rollout starts with the candidate's weight at its first step" });
  })
  .meta({ id: "PutExperiment" });
export type PutExperiment = z.infer<typeof PutExperiment>;

export const StoppedVariant = z.object({ at: z.string(), reason: z.string() });

export const Experiment = z
  .object({
    id: ExperimentId,
    status: z.enum(["running", "ended"]),
    variants: z.array(ExperimentVariant.extend({ stopped: StoppedVariant.optional() })),
    guardrail: Guardrail,
    rollout: RolloutSchedule.extend({ step: z.number().int(), stepStartedAt: z.string(), waiting: z.string().optional() }).optional(),
    /** Bumped whenever the weights change; a report reads the current phase. */
    phase: z.number().int(),
    phaseStartedAt: z.string(),
    startedAt: z.string(),
    endedAt: z.string().optional(),
  })
  .meta({ id: "Experiment" });
export type Experiment = z.infer<typeof Experiment>;

export const RegistryChange = z
  .object({
    at: z.string(),
    actor: z.string(),
    action: z.string(),
    app: z.string().nullable(),
    version: z.string().nullable(),
    experiment: z.string().nullable(),
    reason: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: "RegistryChange" });
export type RegistryChange = z.infer<typeof RegistryChange>;

const Interval = z.tuple([z.number(), z.number()]);

export const ExperimentReport = z
  .object({
    experiment: Experiment,
    variants: z.array(
      z.object({
        variant: z.string(),
        weight: z.number(),
        versions: z.partialRecord(RemoteAppName, Version),
        stopped: StoppedVariant.nullable(),
        visitors: z.number().int(),
        converted: z.number().int(),
        orders: z.number().int(),
        revenueCents: z.number().int(),
        /** Networks whose browsers confirmed the variant; `failed` of them reported a failure (the guardrail's figures). */
        networks: z.number().int(),
        failed: z.number().int(),
        conversionRate: z.number(),
        revenuePerVisitorCents: z.number().int(),
        failureRate: z.number(),
        comparison: z
          .object({ lift: z.number(), liftInterval: Interval, pValue: z.number(), sequentialPValue: z.number(), sequentialLiftInterval: Interval })
          .nullable(),
        verdict: z.string(),
      }),
    ),
    sampleRatio: z.object({ chiSquared: z.number(), pValue: z.number(), mismatch: z.boolean() }).nullable(),
    verdict: z.string(),
  })
  .meta({ id: "ExperimentReport" });

export const RemoteFailureReport = z.object({ app: RemoteAppName, version: Version, kind: z.enum(["load", "render"]) }).meta({ id: "RemoteFailureReport" });
