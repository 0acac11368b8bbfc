import type { ButtonHTMLAttributes } from 'react';

/*
 * A small variants map rather than class-variance-authority: four variants and four sizes need
 * no library. Class strings are written out whole so that Tailwind finds them.
 */
const VARIANTS = {
  primary: 'bg-accent text-accent-fg hover:bg-accent-hover',
  secondary: 'border border-line-strong bg-surface text-fg hover:bg-surface-muted',
  danger: 'bg-danger text-accent-fg hover:bg-danger-hover',
  ghost: 'text-fg-muted hover:bg-surface-muted hover:text-fg',
} as const;

// Every size is at least 24 px high: the WCAG 2.5.8 minimum target size.
const SIZES = {
  xs: 'min-h-6 min-w-6 px-2 py-0.5 text-xs',
  sm: 'min-h-6 px-2 py-0.5 text-sm',
  md: 'min-h-8 px-3 py-1.5 text-sm',
  lg: 'min-h-9 px-4 py-2 text-sm',
} as const;

export type ButtonVariant = keyof typeof VARIANTS;
export type ButtonSize = keyof typeof SIZES;

/** The class of a button, for elements that must look like one (a label, a link). */
export function buttonClass({
  variant = 'secondary',
  size = 'md',
  className = '',
}: { variant?: ButtonVariant; size?: ButtonSize; className?: string } = {}): string {
  return `inline-flex items-center justify-center gap-1.5 rounded font-medium disabled:cursor-not-allowed disabled:opacity-60 ${VARIANTS[variant]} ${SIZES[size]} ${className}`;
}

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
}

/** A button; `type="button"` unless told otherwise, so it never submits a form by accident. */
export function Button({ variant, size, className, type = 'button', ...props }: ButtonProps) {
  return <button type={type} className={buttonClass({ variant, size, className })} {...props} />;
}
