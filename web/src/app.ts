/** The frame of every page: header and navigation, the page for the path, and the sign-in page whenever the server answers 401. */
import { html } from 'htm/preact';
import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, errorMessage } from './api.ts';
import { ErrorNotice, Loading } from './components/common.ts';
import { useApi } from './lib/use-api.ts';
import { AnalysePage } from './pages/analyse.ts';
import { ActorPage, ActorsPage } from './pages/actors.ts';
import { ArticlePage } from './pages/article.ts';
import { ArticlesPage } from './pages/articles.ts';
import { SignInPage } from './pages/sign-in.ts';
import { SourcesPage } from './pages/sources.ts';
import { interceptLinks, match, useLocation, type Location } from './router.ts';
import { getSession, isAuthorised, onAuthorised, onSession, setAuthorised, setSession, type Session } from './session.ts';
import type { Health, SessionInfo } from './types.ts';

const NAV = [
  ['/analyse', 'Analyse'],
  ['/articles', 'Articles'],
  ['/dashboards', 'Dashboards'],
  ['/actors', 'Actors'],
  ['/sources', 'Sources'],
] as const;

/** The dashboards page with Plot, loaded when first visited. */
function Dashboards({ location }: { location: Location }) {
  const [page, setPage] = useState<ComponentType<{ location: Location }> | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    import('./pages/dashboards.ts').then((m) => setPage(() => m.DashboardsPage), setError);
  }, []);
  if (error) return html`<div class="page"><h1>Dashboards</h1><${ErrorNotice} error=${error} /></div>`;
  if (!page) return html`<div class="page"><h1>Dashboards</h1><${Loading} what="charts" /></div>`;
  const Page = page;
  return html`<${Page} location=${location} />`;
}

function route(location: Location): { title: string; view: unknown } {
  const p = location.path.replace(/\/+$/, '') || '/';
  if (p === '/' || p === '/analyse') return { title: 'Analyse', view: html`<${AnalysePage} />` };
  if (p === '/articles') return { title: 'Articles', view: html`<${ArticlesPage} location=${location} />` };
  let m = match('/articles/:id', p);
  if (m) return { title: `Article ${m.id}`, view: html`<${ArticlePage} key=${m.id} id=${m.id!} />` };
  if (p === '/dashboards') return { title: 'Dashboards', view: html`<${Dashboards} location=${location} />` };
  if (p === '/actors') return { title: 'Actors', view: html`<${ActorsPage} location=${location} />` };
  m = match('/actors/:key', p);
  if (m) return { title: m.key!, view: html`<${ActorPage} key=${m.key} actorKey=${m.key!} />` };
  if (p === '/sources') return { title: 'Sources', view: html`<${SourcesPage} />` };
  return { title: 'Not found', view: html`<div class="page"><h1>Not found</h1><p>There is no page at this address. <a href="/">Go to Analyse</a>.</p></div>` };
}

function Footer() {
  const { data } = useApi<Health>('/api/health');
  return html`<footer class="site-footer">
    <span>spinscope${data?.version ? ` ${data.version}` : ''}</span>
    ${data?.store && html`<span>store: ${data.store}</span>`}
    <span>Highlights are a model's reading, to be checked, not verdicts.</span>
  </footer>`;
}

export function App() {
  const location = useLocation();
  const [authorised, setAuth] = useState(isAuthorised());
  const [session, setSess] = useState<Session | null>(getSession());
  const [signOutError, setSignOutError] = useState<string | null>(null);
  useEffect(() => onAuthorised(setAuth), []);
  useEffect(() => onSession(setSess), []);
  // after a reload in a new tab the cookie may still be valid: ask for the role and CSRF token
  useEffect(() => {
    if (getSession()) return;
    api<SessionInfo>('/api/session').then(
      (s) => setSession({ csrfToken: s.csrfToken, role: s.role }),
      () => undefined, // a 401 has already switched to the sign-in page
    );
  }, []);

  const { title, view } = authorised ? route(location) : { title: 'Sign in', view: html`<${SignInPage} />` };
  useEffect(() => {
    document.title = `${title} · spinscope`;
  }, [title]);

  const signOut = async () => {
    setSignOutError(null);
    try {
      await api('/api/session', { method: 'DELETE' });
    } catch (err) {
      setSignOutError(errorMessage(err));
      return;
    }
    setSession(null);
    setAuthorised(false);
  };

  const current = location.path.replace(/\/+$/, '') || '/analyse';
  return html`<div class="app" onClick=${interceptLinks}>
    <a class="skip-link" href="#main" data-external>Skip to content</a>
    <header class="site-header">
      <a class="brand" href="/analyse">spinscope</a>
      <nav aria-label="Main">
        <ul>
          ${NAV.map(
            ([href, label]) => html`<li><a href=${href} aria-current=${current === href || current.startsWith(href + '/') || (href === '/analyse' && current === '/') ? 'page' : undefined}>${label}</a></li>`,
          )}
        </ul>
      </nav>
      <div class="session">
        ${session && html`<span class="role" title="your role">${session.role}</span>`}
        ${session && html`<button type="button" class="link-button" onClick=${signOut}>Sign out</button>`}
      </div>
    </header>
    ${signOutError && html`<p class="notice notice-error" role="alert">${signOutError}</p>`}
    <main id="main" tabindex="-1">${view}</main>
    <${Footer} />
  </div>`;
}
