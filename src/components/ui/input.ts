/** The look of every text field, textarea and select; `aria-invalid` turns the border red. */
export const inputClass =
  'rounded border border-line-input bg-surface text-fg placeholder:text-fg-muted aria-invalid:border-danger';
