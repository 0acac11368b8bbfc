import type { HTMLAttributes } from 'react';

export type BadgeTone = 'neutral' | 'info' | 'progress' | 'success' | 'warning' | 'danger';

/**
 * Each tone pairs a `muted` background with its `fg` text (WCAG AA in both themes); the badge
 * always carries words too, so colour is never the only cue.
 */
const TONES: Record<BadgeTone, { badge: string; dot: string }> = {
  neutral: { badge: 'bg-neutral-muted text-neutral-fg ring-neutral-line', dot: 'bg-neutral' },
  info: { badge: 'bg-info-muted text-info-fg ring-info-line', dot: 'bg-info' },
  progress: { badge: 'bg-progress-muted text-progress-fg ring-progress-line', dot: 'bg-progress' },
  success: { badge: 'bg-success-muted text-success-fg ring-success-line', dot: 'bg-success' },
  warning: { badge: 'bg-warning-muted text-warning-fg ring-warning-line', dot: 'bg-warning' },
  danger: { badge: 'bg-danger-muted text-danger-fg ring-danger-line', dot: 'bg-danger' },
};

const SIZES = {
  /** A status pill. */
  md: 'gap-1.5 rounded-full px-2.5 py-0.5 text-sm ring-1 ring-inset',
  /** A small tag inside running text. */
  sm: 'gap-1 rounded px-1.5 py-0.5 text-xs',
} as const;

export interface BadgeProps extends HTMLAttributes<HTMLSpanElement> {
  tone: BadgeTone;
  size?: keyof typeof SIZES;
}

export function Badge({ tone, size = 'md', className = '', ...props }: BadgeProps) {
  return (
    <span
      className={`inline-flex items-center font-medium ${SIZES[size]} ${TONES[tone].badge} ${className}`}
      {...props}
    />
  );
}

/** The small round dot that repeats a badge's tone, e.g. before its label. */
export function BadgeDot({ tone, pulse = false }: { tone: BadgeTone; pulse?: boolean }) {
  return (
    <span
      aria-hidden="true"
      className={`size-2 shrink-0 rounded-full ${TONES[tone].dot} ${pulse ? 'motion-safe:animate-pulse' : ''}`}
    />
  );
}
