import { Component, type ComponentType, memo, type ReactNode, Suspense, use, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { reportFailureToEdge } from "./failure-report";
import {
  claimAnnouncement,
  generationOf,
  moveFocusWhenBack,
  RemoteLoadError,
  renderRemoteAgain,
  reportLoadFailure,
  retryRemote,
  subscribeToRemotes,
  takesFocusWhenBack,
} from "./remote-health";
import { loadRemoteModule } from "./remotes";

interface BoundaryProps {
  fallback: (error: Error) => ReactNode;
  onError: (error: Error) => void;
  children: ReactNode;
}

class ErrorBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error) {
    console.error("remote area failed", error);
    this.props.onError(error);
  }

  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

export interface RemoteAreaProps<P> {
  /** `remote/exposedModule`, e.g. `catalog/App` or `cart/AddToCartButton`. */
  module: string;
  /** Shown while the remote loads. */
  loading?: ReactNode;
  /** Names the area in the fallback ("The catalog is unavailable right now"). */
  label: string;
  /** Widgets get a one-line fallback, page areas a panel. */
  variant?: "page" | "widget";
  props?: P;
}

interface FallbackProps {
  module: string;
  label: string;
  variant: "page" | "widget";
  error: Error;
  /** Retry was pressed (`true`), or its attempt failed (`false`): whether focus should follow the area back. */
  followFocus: (follow: boolean) => void;
}

/**
 * What an area shows while its remote is unavailable. Only the first fallback of a failure is an
 * alert (five areas of one remote on a page are one cause); Retry tries the remote once for every
 * area, and while it still fails nothing moves and the keyboard focus stays on the button.
 */
/** Whether this area is the one that says its remote's failure (the first of them on the page). */
function useClaimsAnnouncement(module: string) {
  const [claims, setClaims] = useState(false);
  useEffect(() => {
    const { claimed, release } = claimAnnouncement(module);
    setClaims(claimed);
    return release;
  }, [module]);
  return claims;
}

/** A Retry's state: one attempt at a time, and whether the last one found the remote still down. */
function useRetry(attempt: () => Promise<boolean>) {
  const [retrying, setRetrying] = useState(false);
  const [stillDown, setStillDown] = useState(false);
  const retry = async () => {
    if (retrying) return;
    setRetrying(true);
    const back = await attempt();
    setRetrying(false);
    setStillDown(!back);
  };
  return { retrying, stillDown, retry };
}

function Fallback({ module, label, variant, error, followFocus }: FallbackProps) {
  const announce = useClaimsAnnouncement(module);
  const { retrying, stillDown, retry } = useRetry(async () => {
    followFocus(true);
    // Files that failed: try the remote again. Code that threw: render every area of it again.
    let back = true;
    if (error instanceof RemoteLoadError) back = await retryRemote(module.split("/")[0]!);
    else renderRemoteAgain(module);
    if (!back) followFocus(false);
    return back;
  });
  return (
    <div className={variant === "page" ? "remote-fallback" : "remote-fallback remote-fallback--widget"} data-remote-fallback={module}>
      <span>{label} is unavailable right now.</span>
      {/* Inserted with its text, so screen readers say it; only one fallback per failing remote does. */}
      {announce && (
        <span role="alert" className="visually-hidden">
          {label} is unavailable right now.
        </span>
      )}
      <button
        type="button"
        aria-disabled={retrying}
        onClick={(event) => {
          // A widget may sit inside a link: retry, do not navigate.
          event.preventDefault();
          void retry();
        }}
      >
        {retrying ? "Trying…" : "Retry"}
      </button>
      <span role="status" className={stillDown ? "remote-fallback__status" : "visually-hidden"}>
        {stillDown ? "Still unavailable; we keep trying." : ""}
      </span>
    </div>
  );
}

/** A remote's module, loading. */
interface ModuleLoad<P> {
  /** Its default export; rejects when its files cannot load. */
  module: Promise<ComponentType<P>>;
  /**
   * The same, or never settling when its files cannot load: hydrating, the boundary then waits for
   * the remote to come back and the edge's HTML stays. Made on first use (hydration only).
   */
  orKeepHtml: () => Promise<ComponentType<P>>;
}

const subscribeNothing = () => () => {};
const NO_PROPS = {};

/**
 * The remote's component. Hydrating the edge's HTML (React reads the server snapshot only then), a
 * module that cannot load keeps that boundary waiting, so the HTML stays as the edge sent it and
 * works as it does without JavaScript; rendered in the browser, the failure shows the fallback.
 */
function RemoteModule<P extends object>({ load, props }: { load: ModuleLoad<P>; props: P }) {
  const hydrating = useSyncExternalStore(
    subscribeNothing,
    () => false,
    () => true,
  );
  // Decided when it mounts, and kept: React renders it again once hydrated (the store's snapshot
  // changes), and it must then read the same promise, or it would suspend on one it has not seen.
  const [keepsEdgeHtml] = useState(hydrating);
  const Remote = stable(use(keepsEdgeHtml ? load.orKeepHtml() : load.module));
  return <Remote {...props} />;
}

const memoized = new WeakMap<object, unknown>();
/** The module's component, memoized: rendering it again with the same props (after hydration) does nothing. */
function stable<P extends object>(component: ComponentType<P>): ComponentType<P> {
  let wrapped = memoized.get(component) as ComponentType<P> | undefined;
  if (!wrapped) {
    wrapped = memo(component) as unknown as ComponentType<P>;
    memoized.set(component, wrapped);
  }
  return wrapped;
}

/**
 * Said once per remote whose code could not load while its areas keep the edge's HTML: what still
 * works, and a Retry. It floats at the bottom of the screen, out of the page's layout; only the
 * first such area of the remote on the page shows it.
 */
function KeptHtmlNotice({ module, label }: { module: string; label: string }) {
  const speaks = useClaimsAnnouncement(module);
  const { retrying, stillDown, retry } = useRetry(async () => {
    // The notice goes with the failure: the focus then goes to the remote's page area, not to nowhere.
    moveFocusWhenBack(module);
    const back = await retryRemote(module.split("/")[0]!);
    if (!back) takesFocusWhenBack(module);
    return back;
  });
  if (!speaks) return null;
  return (
    <div className="remote-notice" data-remote-notice={module} role="status">
      <span>{label} is not fully working right now: links and forms still do.</span>
      <button type="button" aria-disabled={retrying} onClick={() => void retry()}>
        {retrying ? "Trying…" : "Retry"}
      </button>
      {stillDown && <span>Still unavailable; we keep trying.</span>}
    </div>
  );
}

/** Runs once the remote's module has rendered (Suspense resolved). */
function Rendered({ then }: { then: () => void }) {
  useEffect(then, [then]);
  return null;
}

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]";

/** Where a shopper's focus goes in an area that came back: its heading (a page) or its first control. */
export function focusInto(area: HTMLElement) {
  const heading = area.querySelector<HTMLElement>("h1");
  if (heading) heading.tabIndex = -1;
  (heading ?? area.querySelector<HTMLElement>(FOCUSABLE))?.focus();
}

/**
 * Renders an exposed module of a remote inside its own error boundary and Suspense: a remote that
 * fails to load or throws shows a fallback for its areas only. Every area of one remote recovers
 * together (one Retry, or the remote answering again by itself), and a shopper who pressed Retry
 * finds the focus in the area that came back.
 */
export function RemoteArea<P extends object>({ module, loading = null, label, variant = "page", props }: RemoteAreaProps<P>) {
  // The same generation when hydrating the edge's HTML as after (it only moves on a failure here).
  const generation = useSyncExternalStore(
    subscribeToRemotes,
    () => generationOf(module),
    () => generationOf(module),
  );
  const area = useRef<HTMLDivElement>(null);
  // The generation whose code could not load while the edge's HTML is kept: its notice says so, with a Retry.
  const [keptIn, setKeptIn] = useState<number | null>(null);
  // A failed load is remembered with its promise, so every generation loads afresh.
  const load = useMemo((): ModuleLoad<P> => {
    const loaded = loadRemoteModule<ComponentType<P>>(module).catch((err: unknown) => {
      reportLoadFailure(module);
      throw new RemoteLoadError(module, err);
    });
    let keeping: Promise<ComponentType<P>> | undefined;
    const orKeepHtml = () =>
      (keeping ??= loaded.catch((err: unknown) => {
        reportFailureToEdge(module, "load");
        area.current?.setAttribute("data-kept-html", "");
        setKeptIn(generation);
        console.error("remote area kept its edge HTML", err);
        return new Promise<never>(() => {});
      }));
    // Handled here too: hydrating, nothing else waits on `loaded` (the notice above reports it).
    loaded.catch(() => {});
    return { module: loaded, orKeepHtml };
  }, [module, generation]);
  const refocus = useRef(false);
  const focusRecovered = useMemo(
    () => () => {
      // Marked once its module runs here (rendered or hydrated): the area is live, not only HTML. An
      // attribute, not state: a render of this area now would make React drop the edge's HTML of
      // areas inside it still waiting for their code.
      area.current?.setAttribute("data-live", "");
      area.current?.removeAttribute("data-kept-html");
      if (variant === "page" && takesFocusWhenBack(module)) refocus.current = true;
      if (!refocus.current) return;
      refocus.current = false;
      // The Retry button went with the fallback: only a focus that fell to the page is moved.
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost && area.current) focusInto(area.current);
    },
    [module, variant],
  );
  // The same element while nothing of it changes: neither the notice appearing above an area whose
  // edge HTML is kept nor its page rendering again with equal props may touch its boundary (an update
  // to a boundary still waiting to hydrate would make React drop the HTML and render it in the
  // browser). Props are data (the edge passes them as JSON), so equal means the same JSON.
  const propsJson = JSON.stringify(props ?? NO_PROPS);
  // biome-ignore lint/correctness/useExhaustiveDependencies: equal props are the same JSON, whatever object carries them
  const sameProps = useMemo(() => props ?? (NO_PROPS as P), [propsJson]);
  const firstLoading = useRef(loading);
  const boundary = useMemo(
    () => (
      // Keyed by module too: routes reuse this component, and one area's failure must not stick to the next.
      <ErrorBoundary
        key={`${module}#${generation}`}
        fallback={(error) => <Fallback module={module} label={label} variant={variant} error={error} followFocus={(follow) => (refocus.current = follow)} />}
        onError={(error) => reportFailureToEdge(module, error instanceof RemoteLoadError ? "load" : "render")}
      >
        <Suspense fallback={firstLoading.current}>
          <RemoteModule load={load} props={sameProps} />
          <Rendered then={focusRecovered} />
        </Suspense>
      </ErrorBoundary>
    ),
    [module, generation, label, variant, sameProps, load, focusRecovered],
  );
  return (
    <div className="remote-area" ref={area}>
      {keptIn === generation && <KeptHtmlNotice module={module} label={label} />}
      {boundary}
    </div>
  );
}
