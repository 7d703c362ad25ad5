/** Sources: the outlets in the archive and the feeds that are polled, with pause and resume for roles that may write. */
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api } from '../api.ts';
import { Empty, ErrorNotice, ExtLink, Loading, Panel } from '../components/common.ts';
import { dateTime } from '../lib/format.ts';
import { useApi } from '../lib/use-api.ts';
import { canWrite, getSession } from '../session.ts';
import type { Feed, Source } from '../types.ts';

function FeedRow({ feed, mayWrite, onChanged }: { feed: Feed; mayWrite: boolean; onChanged: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const toggle = async () => {
    setBusy(true);
    setError(null);
    try {
      await api(`/api/feeds/${feed.id}/${feed.paused ? 'resume' : 'pause'}`, { method: 'POST' });
      onChanged();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const health = feed.paused ? 'paused' : feed.failures > 0 ? `failing (${feed.failures}×)` : feed.lastOkAt ? 'ok' : 'not polled yet';
  return html`<tr>
    <td class="url"><${ExtLink} href=${feed.url}>${feed.title || feed.url}</${ExtLink}>${feed.title && html`<div class="muted small">${feed.url}</div>`}</td>
    <td>${feed.source ?? '–'}</td>
    <td><span class=${`status status-${feed.paused ? 'paused' : feed.failures > 0 ? 'bad' : feed.lastOkAt ? 'ok' : 'new'}`}>${health}</span>
      ${feed.lastError && html`<div class="muted small">${feed.lastError}</div>`}</td>
    <td>${dateTime(feed.lastPolledAt)}</td>
    <td class="num">${Math.round(feed.pollIntervalS / 60)} min</td>
    ${mayWrite &&
    html`<td>
      <button type="button" onClick=${toggle} disabled=${busy} aria-label=${`${feed.paused ? 'Resume' : 'Pause'} ${feed.title || feed.url}`}>
        ${feed.paused ? 'Resume' : 'Pause'}
      </button>
      ${error && html`<${ErrorNotice} error=${error} />`}
    </td>`}
  </tr>`;
}

export function SourcesPage() {
  const sources = useApi<Source[]>('/api/sources');
  const feeds = useApi<Feed[]>('/api/feeds');
  const mayWrite = canWrite(getSession());
  const sourceList = Array.isArray(sources.data) ? sources.data : [];
  const feedList = Array.isArray(feeds.data) ? feeds.data : [];
  return html`<div class="page page-sources">
    <h1>Sources</h1>
    <${Panel} title="Outlets" id="panel-outlets">
      <${ErrorNotice} error=${sources.error} retry=${sources.reload} />
      ${sources.loading && !sources.data && html`<${Loading} what="outlets" />`}
      ${sources.data && !sourceList.length && html`<${Empty}>No outlets yet.</${Empty}>`}
      ${sourceList.length > 0 &&
      html`<div class="table-scroll"><table>
        <caption class="visually-hidden">Outlets</caption>
        <thead><tr><th scope="col">Outlet</th><th scope="col">Name</th><th scope="col">Country</th><th scope="col">Language</th><th scope="col">Tags</th><th scope="col">Articles</th></tr></thead>
        <tbody>
          ${sourceList.map(
            (s) => html`<tr key=${s.id}>
              <td>${s.domain}</td><td>${s.name ?? '–'}</td><td>${s.country ?? '–'}</td><td>${s.language ?? '–'}</td>
              <td>${s.tags?.length ? html`<ul class="chips">${s.tags.map((t) => html`<li class="chip">${t}</li>`)}</ul>` : '–'}</td>
              <td><a href=${`/articles?source=${encodeURIComponent(s.domain)}`}>search</a></td>
            </tr>`,
          )}
        </tbody>
      </table></div>`}
    </${Panel}>
    <${Panel} title="Feeds" id="panel-feeds">
      <${ErrorNotice} error=${feeds.error} retry=${feeds.reload} />
      ${feeds.loading && !feeds.data && html`<${Loading} what="feeds" />`}
      ${feeds.data && !feedList.length && html`<${Empty}>No feeds yet.</${Empty}>`}
      ${feedList.length > 0 &&
      html`<div class="table-scroll"><table class="feeds-table">
        <caption class="visually-hidden">Feeds</caption>
        <thead><tr><th scope="col">Feed</th><th scope="col">Outlet</th><th scope="col">Health</th><th scope="col">Last polled</th><th scope="col" class="num">Every</th>${mayWrite && html`<th scope="col">Action</th>`}</tr></thead>
        <tbody>${feedList.map((f) => html`<${FeedRow} key=${f.id} feed=${f} mayWrite=${mayWrite} onChanged=${feeds.reload} />`)}</tbody>
      </table></div>`}
    </${Panel}>
  </div>`;
}
