import { Component } from 'react';
import type { ErrorInfo, ReactNode } from 'react';

/** Keeps one broken panel from taking the page down; shows what went wrong instead. */
export class ErrorBoundary extends Component<{ label: string; children: ReactNode }, { error: string | null }> {
  override state = { error: null as string | null };
  static getDerivedStateFromError(e: unknown) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
  override componentDidCatch(e: unknown, info: ErrorInfo) {
    console.error(e, info.componentStack);
  }
  override render() {
    if (this.state.error !== null) {
      return (
        <div className="alert" role="alert">
          {this.props.label}: {this.state.error}
        </div>
      );
    }
    return this.props.children;
  }
}
