/** A stored article: its metadata, its latest analysis (rendered as on Analyse) and the history of its analyses. */
import { html } from 'htm/preact';
import { AnalysisView } from '../components/analysis-view.ts';
import { Empty, ErrorNotice, ExtLink, Loading, Panel } from '../components/common.ts';
import { count, dateTime, day, labelText } from '../lib/format.ts';
import { useApi } from '../lib/use-api.ts';
import type { ArticleResponse } from '../types.ts';

export function ArticlePage({ id }: { id: string }) {
  const valid = /^\d+$/.test(id);
  const { data, error, loading, reload } = useApi<ArticleResponse>(valid ? `/api/articles/${id}` : null);
  if (!valid) return html`<div class="page"><h1>Article</h1><${Empty}>“${id}” is not an article number.</${Empty}></div>`;
  if (error) return html`<div class="page"><h1>Article ${id}</h1><${ErrorNotice} error=${error} retry=${reload} /></div>`;
  if (loading || !data) return html`<div class="page"><h1>Article ${id}</h1><${Loading} what="the article" /></div>`;
  const { article, analysis, history } = data;
  return html`<div class="page page-article">
    <p class="breadcrumb"><a href="/articles">Articles</a> › ${id}</p>
    <h1>${article.title || `Article ${article.id}`}</h1>
    <dl class="article-meta">
      <div><dt>Outlet</dt><dd>${article.source ?? '–'}${article.siteName && article.siteName !== article.source ? ` (${article.siteName})` : ''}</dd></div>
      ${article.publishedAt
        ? html`<div><dt>Published</dt><dd>${day(article.publishedAt)}</dd></div>`
        : html`<div><dt>Stored</dt><dd>${day(article.datedAt)}</dd></div>`}
      ${article.authors?.length > 0 && html`<div><dt>By</dt><dd>${article.authors.join(', ')}</dd></div>`}
      <div><dt>Language</dt><dd>${article.language ?? '–'}</dd></div>
      <div><dt>Words</dt><dd>${count(article.wordCount)}</dd></div>
      <div class="wide"><dt>URL</dt><dd class="url">${article.url ? html`<${ExtLink} href=${article.url}>${article.url}</${ExtLink}>` : '–'}</dd></div>
    </dl>
    ${article.needsAnalysis && html`<p class="notice">The text changed since the latest analysis (or was never analysed).</p>`}
    ${analysis
      ? html`<${AnalysisView} analysis=${analysis} linkActors=${true} showTitle=${false} />`
      : html`<${Empty}>This article has not been analysed yet.</${Empty}>
          <pre class="plain-text">${article.text}</pre>`}
    <${Panel} title="Analysis history" id="panel-history">
      ${history?.length
        ? html`<div class="table-scroll"><table class="history-table">
            <caption class="visually-hidden">Analyses of this article, newest first</caption>
            <thead><tr><th scope="col">When</th><th scope="col">Model</th><th scope="col">Language</th><th scope="col" class="num">Words</th><th scope="col">Spans per layer</th><th scope="col">Latest</th></tr></thead>
            <tbody>
              ${history.map(
                (h) => html`<tr key=${h.id}>
                  <td>${dateTime(h.createdAt)}</td>
                  <td>${h.model?.name} ${h.model?.version}</td>
                  <td>${h.language ?? '–'}</td>
                  <td class="num">${count(h.wordCount)}</td>
                  <td>${Object.entries(h.counts ?? {}).map(([l, n]) => `${labelText(l)} ${count(n)}`).join(' · ') || '–'}</td>
                  <td>${h.latest ? 'yes' : ''}</td>
                </tr>`,
              )}
            </tbody>
          </table></div>`
        : html`<${Empty}>No analyses yet.</${Empty}>`}
    </${Panel}>
  </div>`;
}
