import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { extractProcessId } from '../../../lib/process-id.ts';
import { Button } from '../../../components/ui/button.tsx';
import { inputClass } from '../../../components/ui/input.ts';

/**
 * Accepts an id typed or pasted with noise (`#46069000`, a URL, a log line) and opens it;
 * anything that is not clearly one id is refused here, before any request.
 */
export function ProcessLookup({ compact = false }: { compact?: boolean }) {
  const navigate = useNavigate();
  const inputId = useId();
  const problemId = useId();
  const [value, setValue] = useState('');
  const [problem, setProblem] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    const result = extractProcessId(value);
    if (!result.ok) {
      setProblem(result.reason);
      return;
    }
    setValue(compact ? '' : String(result.id));
    void navigate(`/processes/${result.id}`);
  }

  return (
    <form
      role="search"
      aria-label={compact ? 'Process lookup' : undefined}
      onSubmit={submit}
      noValidate
      className={compact ? 'relative flex items-center gap-2' : 'space-y-2'}
    >
      <label htmlFor={inputId} className={compact ? 'sr-only' : 'block text-sm font-medium'}>
        Process id
      </label>
      <input
        id={inputId}
        type="text"
        autoComplete="off"
        spellCheck={false}
        placeholder={compact ? 'Process id' : 'e.g. 46069000, #46069000 or a pasted log line'}
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setProblem(undefined);
        }}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : undefined}
        className={`px-3 font-mono ${inputClass} ${compact ? 'w-44 py-1 text-sm' : 'w-full py-2'}`}
      />
      <Button type="submit" variant="primary" size={compact ? 'sm' : 'lg'}>
        {compact ? 'Open' : 'Show process'}
      </Button>
      {problem && (
        <p
          id={problemId}
          role="alert"
          className={
            compact
              ? 'absolute top-full left-0 z-10 mt-1 w-72 rounded border border-danger-line bg-surface p-2 text-sm text-danger-fg shadow'
              : 'text-sm text-danger-fg'
          }
        >
          {problem}
        </p>
      )}
    </form>
  );
}
