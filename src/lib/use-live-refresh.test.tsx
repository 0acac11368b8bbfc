import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useStatusChange } from './use-live-refresh.ts';

const options = {
  keyOf: (s: string) => s,
  describeChange: (from: string, to: string) => `Status changed from ${from} to ${to}.`,
  labelOf: (s: string) => s,
};

function Probe({ status }: { status: string }) {
  const change = useStatusChange(status, options);
  return (
    <p data-testid="probe" data-count={change.count}>
      {change.announcement}
    </p>
  );
}

describe('useStatusChange', () => {
  beforeEach(() => {
    document.title = 'Process 1 · Registrar Console';
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('says nothing and leaves the title alone until the status changes', () => {
    render(<Probe status="Running" />);
    expect(screen.getByTestId('probe')).toHaveTextContent('');
    expect(screen.getByTestId('probe')).toHaveAttribute('data-count', '0');
    expect(document.title).toBe('Process 1 · Registrar Console');
  });

  it('announces and counts a change, and marks the tab title until the tab is back', () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    const { rerender } = render(<Probe status="Running" />);
    rerender(<Probe status="Completed" />);
    expect(screen.getByTestId('probe')).toHaveTextContent(
      'Status changed from Running to Completed.',
    );
    expect(screen.getByTestId('probe')).toHaveAttribute('data-count', '1');
    expect(document.title).toBe('● Completed · Process 1 · Registrar Console');

    // A second change replaces the mark rather than stacking another.
    rerender(<Probe status="Failed" />);
    expect(document.title).toBe('● Failed · Process 1 · Registrar Console');
    expect(screen.getByTestId('probe')).toHaveAttribute('data-count', '2');

    act(() => {
      window.dispatchEvent(new Event('focus'));
    });
    expect(document.title).toBe('Process 1 · Registrar Console');
  });

  it('clears the mark after a while when the person was watching the page', () => {
    vi.useFakeTimers();
    vi.spyOn(document, 'hasFocus').mockReturnValue(true);
    const { rerender } = render(<Probe status="Running" />);
    rerender(<Probe status="Completed" />);
    expect(document.title).toBe('● Completed · Process 1 · Registrar Console');
    act(() => {
      vi.advanceTimersByTime(10_000);
    });
    expect(document.title).toBe('Process 1 · Registrar Console');
  });

  it('removes the mark when the page goes away', () => {
    vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    const { rerender, unmount } = render(<Probe status="Running" />);
    rerender(<Probe status="Completed" />);
    unmount();
    expect(document.title).toBe('Process 1 · Registrar Console');
  });
});
