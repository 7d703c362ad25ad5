/** Entry point: styles and the app. Nothing here runs inline in index.html, so the CSP needs no exceptions. */
import { render } from 'preact';
import { html } from 'htm/preact';
import { App } from './app.ts';
import './styles.css';

const root = document.getElementById('app');
if (root) render(html`<${App} />`, root);
