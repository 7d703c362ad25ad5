/** Analyse: paste a text or give a URL, and see the analysis; optionally store it in the archive. */
import { html } from 'htm/preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api.ts';
import { AnalysisView } from '../components/analysis-view.ts';
import { ErrorNotice } from '../components/common.ts';
import { canWrite, getSession } from '../session.ts';
import type { AnalyzeResponse } from '../types.ts';

const LANGUAGES = [
  ['', 'detect'],
  ['en', 'English'],
  ['fr', 'French'],
  ['de', 'German'],
  ['it', 'Italian'],
  ['pl', 'Polish'],
  ['ru', 'Russian'],
  ['es', 'Spanish'],
] as const;

export function AnalysePage() {
  const [text, setText] = useState('');
  const [url, setUrl] = useState('');
  const [title, setTitle] = useState('');
  const [lang, setLang] = useState('');
  const [store, setStore] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<AnalyzeResponse | null>(null);
  const resultRef = useRef<HTMLElement>(null);
  // a new analysis takes the reader (and the focus, for keyboard and screen-reader users) to it
  useEffect(() => {
    if (!result || !resultRef.current) return;
    resultRef.current.focus({ preventScroll: true });
    resultRef.current.scrollIntoView({ block: 'start' });
  }, [result]);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    const body: Record<string, unknown> = {};
    if (text.trim()) body.text = text;
    else if (url.trim()) body.url = url.trim();
    else {
      setError(new Error('Paste a text or give a URL to analyse.'));
      return;
    }
    if (title.trim()) body.title = title.trim();
    if (lang) body.lang = lang;
    if (store) body.store = true;
    setBusy(true);
    setError(null);
    try {
      setResult(await api<AnalyzeResponse>('/api/analyze', { method: 'POST', body }));
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  const mayStore = canWrite(getSession());
  return html`<div class="page page-analyse">
    <h1>Analyse</h1>
    <form class="analyse-form" onSubmit=${submit} aria-describedby="analyse-help">
      <p id="analyse-help" class="hint">Paste an article's text, or give the URL of a page to fetch. Nothing you paste is run or shown as HTML.</p>
      <label for="analyse-text">Text</label>
      <textarea id="analyse-text" name="text" rows="10" value=${text} onInput=${(e: Event) => setText((e.target as HTMLTextAreaElement).value)}
        placeholder="Paste the article here…"></textarea>
      <div class="form-row">
        <div class="field grow">
          <label for="analyse-url">or URL</label>
          <input id="analyse-url" name="url" type="url" inputmode="url" value=${url} disabled=${text.trim().length > 0}
            onInput=${(e: Event) => setUrl((e.target as HTMLInputElement).value)} placeholder="https://…" />
        </div>
        <div class="field grow">
          <label for="analyse-title">Title (optional)</label>
          <input id="analyse-title" name="title" value=${title} onInput=${(e: Event) => setTitle((e.target as HTMLInputElement).value)} />
        </div>
        <div class="field">
          <label for="analyse-lang">Language</label>
          <select id="analyse-lang" name="lang" value=${lang} onChange=${(e: Event) => setLang((e.target as HTMLSelectElement).value)}>
            ${LANGUAGES.map(([code, name]) => html`<option value=${code}>${name}</option>`)}
          </select>
        </div>
      </div>
      <div class="form-row">
        <label class="check">
          <input type="checkbox" name="store" checked=${store} disabled=${!mayStore}
            onChange=${(e: Event) => setStore((e.target as HTMLInputElement).checked)} />
          Store in the archive${mayStore ? '' : ' (needs a role that may write)'}
        </label>
        <button type="submit" class="primary" disabled=${busy} aria-busy=${busy}>${busy ? 'Analysing…' : 'Analyse'}</button>
      </div>
    </form>
    <${ErrorNotice} error=${error} />
    <div aria-live="polite" class="visually-hidden">${busy ? 'Analysing' : result ? 'Analysis ready' : ''}</div>
    ${result &&
    html`<section class="analysis-result" aria-label="Analysis" tabindex="-1" ref=${resultRef}>
      ${result.articleId !== undefined && html`<p class="notice">Stored as <a href=${`/articles/${result.articleId}`}>article ${result.articleId}</a>.</p>`}
      <${AnalysisView} analysis=${result.analysis} linkActors=${result.articleId !== undefined} />
    </section>`}
  </div>`;
}
