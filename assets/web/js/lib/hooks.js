import { useCallback, useEffect, useState } from 'preact/hooks';

/**
 * Loads data for a screen. Keeps the previous data while reloading so lists do not jump;
 * `reload()` fetches again.
 */
export function useResource(load, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const [version, setVersion] = useState(0);
  useEffect(() => {
    let live = true;
    setState((previous) => ({ ...previous, loading: true, error: null }));
    load().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState((previous) => ({ ...previous, error, loading: false })),
    );
    return () => {
      live = false;
    };
    // The caller lists what the load depends on.
  }, [...deps, version]);
  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { ...state, reload };
}

/** Form values with input binding: bind('name') gives value and onInput for a field. */
export function useForm(initial) {
  const [values, setValues] = useState(initial);
  const set = useCallback((name, value) => setValues((v) => ({ ...v, [name]: value })), []);
  const bind = (name) => ({
    name,
    value: values[name] ?? '',
    onInput: (event) => set(name, event.currentTarget.value),
  });
  return { values, setValues, set, bind };
}

/**
 * Runs a form's action once at a time and keeps its error. submit(event, ...args) stops the
 * page from submitting and passes args on to the action.
 */
export function useSubmit(action) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const submit = async (event, ...args) => {
    event?.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await action(...args);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return { submit, busy, error, setError };
}

/** The server's message for `field` when the error names it (e.g. 'sku'). */
export function fieldError(error, ...fields) {
  if (!error?.field) return null;
  return fields.some(
    (f) => error.field === f || error.field.startsWith(`${f}[`) || error.field.startsWith(`${f}.`),
  )
    ? error.message
    : null;
}
