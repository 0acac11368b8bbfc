import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { extractProcessId } from '../../../lib/process-id.ts';

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
        className={`rounded border border-slate-400 bg-white px-3 font-mono aria-invalid:border-red-700 ${
          compact ? 'w-44 py-1 text-sm' : 'w-full py-2'
        }`}
      />
      <button
        type="submit"
        className={`rounded bg-blue-800 font-medium text-white hover:bg-blue-900 ${
          compact ? 'px-3 py-1 text-sm' : 'px-4 py-2 text-sm'
        }`}
      >
        {compact ? 'Open' : 'Show process'}
      </button>
      {problem && (
        <p
          id={problemId}
          role="alert"
          className={
            compact
              ? 'absolute top-full left-0 z-10 mt-1 w-72 rounded border border-red-300 bg-white p-2 text-sm text-red-800 shadow'
              : 'text-sm text-red-800'
          }
        >
          {problem}
        </p>
      )}
    </form>
  );
}
