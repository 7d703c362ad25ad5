/** Sign-in: the access token (printed by `npm start` on first start) for a session cookie and a CSRF token. */
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError, errorMessage } from '../api.ts';
import { setAuthorised, setSession } from '../session.ts';
import type { SessionInfo } from '../types.ts';

export function SignInPage() {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => field.current?.focus(), []);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (!token.trim()) {
      setError('Enter your access token.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const s = await api<SessionInfo>('/api/session', { method: 'POST', body: { token: token.trim() } });
      setToken('');
      setSession({ csrfToken: s.csrfToken, role: s.role });
      setAuthorised(true);
    } catch (err) {
      setError(err instanceof ApiError && err.status === 401 ? 'That token is not valid. Check it and try again.' : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return html`<div class="page page-sign-in">
    <h1>Sign in</h1>
    <form class="sign-in-form" onSubmit=${submit}>
      <p class="hint">Enter the access token that <code>npm start</code> printed when spinscope first started (or one your administrator gave you).</p>
      <label for="token">Access token</label>
      <input id="token" name="token" type="password" autocomplete="current-password" ref=${field} value=${token}
        onInput=${(e: Event) => setToken((e.target as HTMLInputElement).value)} aria-invalid=${error ? 'true' : undefined}
        aria-describedby=${error ? 'sign-in-error' : undefined} />
      ${error && html`<p id="sign-in-error" class="notice notice-error" role="alert">${error}</p>`}
      <button type="submit" class="primary" disabled=${busy}>${busy ? 'Signing in…' : 'Sign in'}</button>
    </form>
  </div>`;
}
