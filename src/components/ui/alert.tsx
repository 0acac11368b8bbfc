import type { HTMLAttributes } from 'react';

const TONES = {
  danger: 'border-danger-line bg-danger-soft text-danger-fg',
  warning: 'border-warning-line bg-warning-soft text-warning-fg',
  info: 'border-progress-line bg-progress-soft text-progress-fg',
  success: 'border-success-line bg-success-soft text-success-fg',
} as const;

export type AlertTone = keyof typeof TONES;

const PADDING = { sm: 'p-2 text-sm', md: 'p-3 text-sm', lg: 'p-5' } as const;

export function alertClass({
  tone,
  size = 'md',
  className = '',
}: {
  tone: AlertTone;
  size?: keyof typeof PADDING;
  className?: string;
}): string {
  return `rounded-lg border ${TONES[tone]} ${PADDING[size]} ${className}`;
}

type AlertElement = 'div' | 'p' | 'section' | 'aside';

export interface AlertProps extends HTMLAttributes<HTMLElement> {
  tone: AlertTone;
  size?: keyof typeof PADDING;
  /** The element: a landmark (`section`, `aside`) when it has a name, else `div` or `p`. */
  as?: AlertElement;
}

/**
 * A coloured box for a message. It sets no role: the caller decides whether it is announced
 * (`role="alert"` for a failure, `role="status"` for progress) or simply read in place.
 */
export function Alert({ tone, size, as: Element = 'div', className, ...props }: AlertProps) {
  return <Element className={alertClass({ tone, size, className })} {...props} />;
}
