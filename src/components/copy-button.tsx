import { useEffect, useState } from 'react';
import { buttonClass, type ButtonSize, type ButtonVariant } from './ui/button.tsx';

type CopyState = 'idle' | 'copied' | 'failed';

interface CopyButtonProps {
  /** The text to copy, or a function computing it at click time (e.g. the current URL). */
  text: string | (() => string);
  /**
   * Accessible name, e.g. "Copy id of process 1234". It starts with the visible text (WCAG
   * "label in name"), and stays while the button says "Copied", so it is not renamed under focus.
   */
  label: string;
  children?: React.ReactNode;
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/** Copies to the clipboard and says so, visibly and to screen readers. */
export function CopyButton({
  text,
  label,
  children,
  variant = 'secondary',
  size = 'xs',
}: CopyButtonProps) {
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(typeof text === 'function' ? text() : text);
      setState('copied');
    } catch {
      setState('failed');
    }
  }

  return (
    <>
      <button
        type="button"
        onClick={() => void copy()}
        aria-label={label}
        className={buttonClass({ variant, size })}
      >
        {state === 'copied' ? 'Copied' : state === 'failed' ? 'Copy failed' : (children ?? 'Copy')}
      </button>
      <span role="status" className="sr-only">
        {state === 'copied'
          ? 'Copied to the clipboard'
          : state === 'failed'
            ? 'Could not copy'
            : ''}
      </span>
    </>
  );
}
