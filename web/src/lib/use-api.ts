/** Loads one API resource for a component, cancelling the request when its inputs change. */
import { useCallback, useEffect, useState } from 'preact/hooks';
import { api, type Query } from '../api.ts';

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** `path` null: nothing to load yet. */
export function useApi<T>(path: string | null, query?: Query): Loaded<T> {
  const key = path === null ? null : path + JSON.stringify(query ?? {});
  const [state, setState] = useState<{ data: T | null; error: unknown; loading: boolean }>({ data: null, error: null, loading: path !== null });
  const [round, setRound] = useState(0);
  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((s) => ({ data: s.data, error: null, loading: true }));
    api<T>(path, { query: query ?? {}, signal: controller.signal }).then(
      (data) => setState({ data, error: null, loading: false }),
      (error: unknown) => {
        if ((error as Error).name !== 'AbortError') setState({ data: null, error, loading: false });
      },
    );
    return () => controller.abort();
    // `key` stands for path and query
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, round]);
  const reload = useCallback(() => setRound((r) => r + 1), []);
  return { ...state, reload };
}
