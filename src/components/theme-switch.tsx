import { useId } from 'react';
import { THEME_CHOICES, useTheme, type ThemeChoice } from '../lib/use-theme.ts';
import { inputClass } from './ui/input.ts';

const NAMES: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** Light, dark or system colours for the whole console, remembered in this browser. */
export function ThemeSwitch() {
  const id = useId();
  const [choice, choose] = useTheme();
  return (
    <div className="flex items-center gap-2 text-sm">
      <label htmlFor={id} className="text-fg-muted">
        Theme
      </label>
      <select
        id={id}
        value={choice}
        onChange={(e) => choose(THEME_CHOICES.find((c) => c === e.target.value) ?? 'system')}
        className={`min-h-6 px-1.5 py-0.5 ${inputClass}`}
      >
        {THEME_CHOICES.map((c) => (
          <option key={c} value={c}>
            {NAMES[c]}
          </option>
        ))}
      </select>
    </div>
  );
}
