import { useId, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { extractProcessId } from '../../../lib/process-id.ts';
import { Button } from '../../../components/ui/button.tsx';
import { inputClass } from '../../../components/ui/input.ts';

/**
 * Accepts an id typed or pasted with noise (`#46069000`, a URL, a log line) and opens it;
 * anything that is not clearly one id is refused here, before any request.
 */
export function ProcessLookup() {
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
    setValue(String(result.id));
    void navigate(`/processes/${result.id}`);
  }

  return (
    <form role="search" onSubmit={submit} noValidate className="space-y-2">
      <label htmlFor={inputId} className="block text-sm font-medium">
        Process id
      </label>
      <input
        id={inputId}
        type="text"
        autoComplete="off"
        spellCheck={false}
        placeholder="e.g. 46069000, #46069000 or a pasted log line"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setProblem(undefined);
        }}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? problemId : undefined}
        className={`w-full px-3 py-2 font-mono ${inputClass}`}
      />
      <Button type="submit" variant="primary" size="lg">
        Show process
      </Button>
      {problem && (
        <p id={problemId} role="alert" className="text-sm text-danger-fg">
          {problem}
        </p>
      )}
    </form>
  );
}
