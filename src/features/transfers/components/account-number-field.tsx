import { useState, type InputHTMLAttributes } from 'react';
import { accountNumberSchema } from '../../../contract/account-number.ts';
import { useRememberedAccountNumber } from '../../../lib/remembered-account.ts';
import { inputClass } from '../../../components/ui/input.ts';

/** The account number input's value: what the user typed, else the one last used. */
export function useAccountNumberInput(initial?: string) {
  const remembered = useRememberedAccountNumber();
  const [typed, setTyped] = useState(initial);
  return [typed ?? remembered, setTyped] as const;
}

/** The account number to submit, or why it cannot be. */
export function checkAccountNumber(
  value: string,
): { ok: true; accountNumber: string } | { ok: false; reason: string } {
  const parsed = accountNumberSchema.safeParse(value.trim());
  return parsed.success
    ? { ok: true, accountNumber: parsed.data }
    : { ok: false, reason: parsed.error.issues[0]?.message ?? 'Enter an account number.' };
}

export const lookupInputClass = `mt-1 w-full px-3 py-2 font-mono ${inputClass}`;

/** The labelled account number input shared by the single and the bulk transfer lookups. */
export function AccountNumberField({
  id,
  value,
  onChange,
  className = '',
  ...inputProps
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  className?: string;
} & Pick<InputHTMLAttributes<HTMLInputElement>, 'aria-invalid' | 'aria-describedby'>) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        Account number
      </label>
      <input
        id={id}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={`${lookupInputClass} ${className}`}
        {...inputProps}
      />
    </div>
  );
}
