import { cleanup, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.ts';
import { ErrorPanel } from './error-panel.tsx';
import { ErrorReference } from './error-reference.tsx';

afterEach(cleanup);

const failed = (requestId?: string) =>
  new ApiError({
    kind: 'upstream-error',
    source: 'console',
    status: 502,
    message: 'The console could not reach the API.',
    requestId,
  });

describe('ErrorReference', () => {
  it('shows "Reference: <id>" as text, the id selectable in one click', () => {
    render(<ErrorReference error={failed('7d3c-abc')} />);
    const id = screen.getByText('7d3c-abc');
    expect(id.tagName).toBe('CODE');
    expect(id).toHaveClass('select-all');
    expect(id.parentElement?.textContent).toBe('Reference: 7d3c-abc');
  });

  it('shows nothing without an id (no answer, or not an ApiError)', () => {
    const { container } = render(
      <>
        <ErrorReference error={failed()} />
        <ErrorReference error={new Error('chunk failed')} />
      </>,
    );
    expect(container).toBeEmptyDOMElement();
  });
});

describe('ErrorPanel', () => {
  it('shows the reference of the failed request', () => {
    render(
      <MemoryRouter>
        <ErrorPanel
          error={failed('panel-id-1')}
          api="Realtime Register"
          subject="process 1"
          notFound="No such process."
        />
      </MemoryRouter>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Reference: panel-id-1');
  });
});
