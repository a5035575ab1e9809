// Labelled form fields of the administration: hint and the server's complaint tied to the input (aria-describedby),
// aria-invalid when the server named the field.
import type { InputHTMLAttributes, ReactNode, Ref } from 'react';
import { describeError, type Problem } from '../../ui/errors';

/** The problem of a failed write, or null. */
export function problemOf(error: unknown): Problem | null {
  return error ? describeError(error) : null;
}

/** What the server said of each field (a field under it, e.g. events[1], counts as the field): errors.name, ... */
export function fieldErrors(problem: Problem | null): Partial<Record<string, string>> {
  const out: Partial<Record<string, string>> = {};
  for (const f of problem?.fields ?? []) {
    const field = f.field.replace(/\[.*$/, '');
    out[field] ??= f.message;
  }
  return out;
}

interface FieldProps {
  id: string;
  label: string;
  hint?: string;
  error?: string | null;
}

function describedBy(id: string, hint?: string, error?: string | null): string | undefined {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Notes({ id, label, hint, error }: FieldProps) {
  return (
    <>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {label} {error}
        </p>
      )}
    </>
  );
}

export function TextField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  ...rest
}: FieldProps & { value: string; onChange: (value: string) => void; ref?: Ref<HTMLInputElement> } & Omit<
    InputHTMLAttributes<HTMLInputElement>,
    'value' | 'onChange' | 'id'
  >) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
        {...rest}
      />
      <Notes id={id} label={label} hint={hint} error={error} />
    </div>
  );
}

export function SelectField({
  id,
  label,
  hint,
  error,
  value,
  onChange,
  children,
}: FieldProps & { value: string; onChange: (value: string) => void; children: ReactNode }) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, hint, error)}
      >
        {children}
      </select>
      <Notes id={id} label={label} hint={hint} error={error} />
    </div>
  );
}
