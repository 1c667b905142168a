import { Component, type ComponentType, type ReactNode, Suspense, lazy, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { claimAnnouncement, generationOf, RemoteLoadError, renderRemoteAgain, reportLoadFailure, retryRemote, subscribeToRemotes } from "./remote-health";
import { reportFailureToEdge } from "./failure-report";
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
function Fallback({ module, label, variant, error, followFocus }: FallbackProps) {
  const [announce, setAnnounce] = useState(false);
  useEffect(() => {
    const { claimed, release } = claimAnnouncement(module);
    setAnnounce(claimed);
    return release;
  }, [module]);
  const [retrying, setRetrying] = useState(false);
  const [stillDown, setStillDown] = useState(false);
  const retry = async () => {
    if (retrying) return;
    setRetrying(true);
    followFocus(true);
    // Files that failed: try the remote again. Code that threw: render every area of it again.
    const back = error instanceof RemoteLoadError ? await retryRemote(module.split("/")[0]!) : (renderRemoteAgain(module), true);
    if (!back) followFocus(false);
    setRetrying(false);
    setStillDown(!back);
  };
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

/** Runs once the remote's module has rendered (Suspense resolved). */
function Rendered({ then }: { then: () => void }) {
  useEffect(then, [then]);
  return null;
}

const FOCUSABLE = "a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), [tabindex]";

/** Where a shopper's focus goes in an area that came back: its heading (a page) or its first control. */
function focusInto(area: HTMLElement) {
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
  const generation = useSyncExternalStore(subscribeToRemotes, () => generationOf(module), () => generationOf(module));
  // React.lazy caches a failed import, so every generation needs a new lazy component.
  const Remote = useMemo(
    () =>
      lazy(async () => {
        try {
          return { default: await loadRemoteModule<ComponentType<P>>(module) };
        } catch (err) {
          reportLoadFailure(module);
          throw new RemoteLoadError(module, err);
        }
      }),
    [module, generation],
  );
  const area = useRef<HTMLDivElement>(null);
  const refocus = useRef(false);
  const focusRecovered = useMemo(
    () => () => {
      // Marked once its module runs here (rendered or hydrated): the area is live, not only HTML. An
      // attribute, not state: a render of this area now would make React drop the edge's HTML of
      // areas inside it still waiting for their code.
      area.current?.setAttribute("data-live", "");
      if (!refocus.current) return;
      refocus.current = false;
      // The Retry button went with the fallback: only a focus that fell to the page is moved.
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost && area.current) focusInto(area.current);
    },
    [],
  );
  return (
    <div className="remote-area" ref={area}>
      {/* Keyed by module too: routes reuse this component, and one area's failure must not stick to the next. */}
      <ErrorBoundary
        key={`${module}#${generation}`}
        fallback={(error) => <Fallback module={module} label={label} variant={variant} error={error} followFocus={(follow) => (refocus.current = follow)} />}
        onError={(error) => reportFailureToEdge(module, error instanceof RemoteLoadError ? "load" : "render")}
      >
        <Suspense fallback={loading}>
          <Remote {...(props as P)} />
          <Rendered then={focusRecovered} />
        </Suspense>
      </ErrorBoundary>
    </div>
  );
}
