import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router';
import { inputClass } from '../../../components/ui/input.ts';
import type { SearchChoice, SearchInterpretation } from '../interpret.ts';

type Interpret = (input: string) => SearchInterpretation;
const NOTHING: SearchInterpretation = { choices: [], mustChoose: false };
/**
 * The readings are loaded when the box is first focused: every page's first render shows the
 * box, few use it at once, and the bundle budget has no room for them in the shell.
 */
let loading: Promise<Interpret> | undefined;
const loadInterpret = () => (loading ??= import('../interpret.ts').then((m) => m.interpretHere));

/**
 * The header's one search box (an ARIA 1.2 combobox with a list): a process id, a domain, a URL
 * or e-mail address, `account/domain`, a console link or free text. As you type it lists what
 * Enter opens and the alternatives; ↑/↓ pick, Enter opens, Esc closes the list and then leaves
 * the box. `/` and Ctrl/⌘+K focus it from anywhere.
 */
export function SearchBox() {
  const navigate = useNavigate();
  const [interpret, setInterpret] = useState<Interpret>();
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  const hintId = useId();
  const [value, setValue] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const { choices, mustChoose, problem } = interpret?.(value) ?? NOTHING;
  const load = () => {
    if (!interpret) void loadInterpret().then((f) => setInterpret(() => f));
  };
  const expanded = open && choices.length > 0;
  // Enter opens the highlighted choice, else the first one unless the paste held several ids.
  const target: SearchChoice | undefined = choices[active] ?? (mustChoose ? undefined : choices[0]);

  useEffect(() => {
    const focusBox = (event: globalThis.KeyboardEvent) => {
      const typing = isTypingTarget(event.target);
      const slash = event.key === '/' && !typing && !event.ctrlKey && !event.metaKey;
      const k = event.key.toLowerCase() === 'k' && (event.ctrlKey || event.metaKey);
      if (!slash && !k) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    document.addEventListener('keydown', focusBox);
    return () => document.removeEventListener('keydown', focusBox);
  }, []);

  function openChoice(choice: SearchChoice) {
    setValue('');
    setOpen(false);
    setActive(-1);
    void navigate(choice.href);
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      if (choices.length === 0) return;
      setOpen(true);
      const last = choices.length - 1;
      setActive((i) =>
        event.key === 'ArrowDown' ? (i >= last ? 0 : i + 1) : i <= 0 ? last : i - 1,
      );
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (!interpret) {
        // Typed (or pasted) before the readings arrived: read the box once they have.
        const typed = event.currentTarget.value;
        void loadInterpret().then((f) => {
          setInterpret(() => f);
          const now = f(typed);
          const first = now.mustChoose ? undefined : now.choices[0];
          if (first) openChoice(first);
          else setOpen(true);
        });
      } else if (target) openChoice(target);
      else setOpen(true);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      if (expanded) {
        setOpen(false);
        setActive(-1);
      } else {
        input.current?.blur();
      }
    }
  }

  const hint = problem
    ? problem
    : mustChoose
      ? `${choices.length} choices: pick one with ↓ and Enter.`
      : target
        ? `Enter opens ${target.label}.`
        : '';

  return (
    <div role="search" aria-label="Search" className="relative">
      <label htmlFor={`${listId}-input`} className="sr-only">
        Search: process id, domain, account/domain or text
      </label>
      <input
        ref={input}
        id={`${listId}-input`}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={expanded}
        aria-controls={listId}
        aria-activedescendant={expanded && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={hintId}
        aria-invalid={problem ? true : undefined}
        aria-keyshortcuts="/ Control+K Meta+K"
        autoComplete="off"
        spellCheck={false}
        placeholder="Search (/)"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setOpen(true);
          setActive(-1);
        }}
        onKeyDown={onKeyDown}
        onFocus={() => {
          load();
          setOpen(true);
        }}
        onPointerEnter={load}
        onBlur={() => setOpen(false)}
        className={`w-64 px-3 py-1 text-sm ${inputClass}`}
      />
      <div
        className={
          open && value.trim()
            ? 'absolute top-full left-0 z-20 mt-1 w-80 rounded border border-line bg-surface shadow'
            : 'hidden'
        }
      >
        <p
          id={hintId}
          className={`px-3 py-1 text-xs ${problem ? 'text-danger-fg' : 'text-fg-muted'}`}
        >
          {hint}
        </p>
        <ul
          id={listId}
          role="listbox"
          aria-label="Search suggestions"
          hidden={choices.length === 0}
          className="border-t border-line py-1"
        >
          {choices.map((choice, i) => (
            <li
              key={choice.href}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              // Keeps focus in the box, so the click is the choice and not a blur.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => openChoice(choice)}
              className={`cursor-pointer px-3 py-1 text-sm ${i === active ? 'bg-info-soft' : 'hover:bg-surface-muted'}`}
            >
              <span className="block font-medium text-fg">{choice.label}</span>
              <span className="block text-xs text-fg-muted">{choice.detail}</span>
            </li>
          ))}
        </ul>
      </div>
      <p className="sr-only" aria-live="polite">
        {open && value.trim() ? hint : ''}
      </p>
    </div>
  );
}

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}
