/**
 * A part of the page that fails shows what went wrong and a way to try again, and the rest of the
 * page keeps working. While any part shows an error the page is not healthy, and the autosave
 * leaves the stored session as it was, one that every part could draw.
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

/** Whether every part of the page renders without error (read by the autosave). */
export const pageHealth = {
  failing: new Set<string>(),
  get healthy() {
    return this.failing.size === 0;
  },
};

interface Props {
  /** What this part is, for the message ("Keyspace map"). */
  name: string;
  children?: ReactNode;
  /** Changes when what the part shows changes (a new session): a failed part then tries again. */
  resetKey?: unknown;
}

interface State {
  error: Error | null;
  resetKey: unknown;
}

export class ErrorBoundary extends Component<Props, State> {
  override state: State = { error: null, resetKey: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    // A new session (or engine) gives a failed part a fresh chance.
    if (props.resetKey !== state.resetKey) return { resetKey: props.resetKey, error: null };
    return null;
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    pageHealth.failing.add(this.props.name);
    console.error(`${this.props.name} failed:`, error, info.componentStack);
  }

  override componentDidUpdate(): void {
    if (this.state.error === null) pageHealth.failing.delete(this.props.name);
  }

  override componentWillUnmount(): void {
    pageHealth.failing.delete(this.props.name);
  }

  private readonly reset = () => this.setState({ error: null });

  override render(): ReactNode {
    const { error } = this.state;
    if (error === null) return this.props.children;
    return (
      <div className="error-boundary" role="alert" data-testid="view-error">
        <p>
          <strong>{this.props.name} could not be drawn:</strong> {error.message.slice(0, 500)}
        </p>
        <p className="muted">The rest of the page works. Your last good session stays saved while this shows.</p>
        <button type="button" onClick={this.reset}>
          Try again
        </button>
      </div>
    );
  }
}
