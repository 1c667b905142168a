import { Component, type ComponentType, type ReactNode, Suspense, lazy, useMemo, useState } from "react";
import { forgetRemote, loadRemoteModule } from "./remotes";

interface BoundaryProps {
  fallback: (error: Error) => ReactNode;
  children: ReactNode;
}

class ErrorBoundary extends Component<BoundaryProps, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override componentDidCatch(error: Error) {
    console.error("remote area failed", error);
  }

  override render() {
    return this.state.error ? this.props.fallback(this.state.error) : this.props.children;
  }
}

export interface RemoteAreaProps<P> {
  /** `remote/exposedModule`, e.g. `catalog/App` or `cart/CartCount`. */
  module: string;
  /** Shown while the remote loads. */
  loading?: ReactNode;
  /** Names the area in the fallback ("The catalog is unavailable right now"). */
  label: string;
  /** Widgets get a one-line fallback, page areas a panel. */
  variant?: "page" | "widget";
  props?: P;
}

/**
 * Renders an exposed module of a remote inside its own error boundary and Suspense: a remote that
 * fails to load or throws shows a fallback for this area only, with a Retry that really reloads it.
 */
export function RemoteArea<P extends object>({ module, loading = null, label, variant = "page", props }: RemoteAreaProps<P>) {
  const [attempt, setAttempt] = useState(0);
  // React.lazy caches a failed import, so every attempt needs a new lazy component.
  const Remote = useMemo(() => lazy(async () => ({ default: await loadRemoteModule<ComponentType<P>>(module) })), [module, attempt]);
  const retry = () => {
    forgetRemote(module);
    setAttempt((n) => n + 1);
  };
  const fallback = () => (
    <div role="alert" className={variant === "page" ? "remote-fallback" : "remote-fallback remote-fallback--widget"} data-remote-fallback={module}>
      <span>{label} is unavailable right now.</span>
      <button
        type="button"
        onClick={(event) => {
          // A widget may sit inside a link (the header's cart count): retry, do not navigate.
          event.preventDefault();
          retry();
        }}
      >
        Retry
      </button>
    </div>
  );
  return (
    // Keyed by module too: routes reuse this component, and one area's failure must not stick to the next.
    <ErrorBoundary key={`${module}#${attempt}`} fallback={fallback}>
      <Suspense fallback={loading}>
        <Remote {...(props as P)} />
      </Suspense>
    </ErrorBoundary>
  );
}
