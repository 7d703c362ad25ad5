/** Element classes by how they lay out text. */

/** Elements that start and end a paragraph of their own. */
export const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'caption', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'legend', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th',
  'thead', 'tr', 'ul', 'body', 'html', 'amp-fit-text', 'amp-accordion',
]);

export const HEADING = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);

/** Elements whose own text makes a paragraph-sized unit for content scoring. */
export const PARAGRAPH_LIKE = new Set(['p', 'pre', 'td', 'blockquote', 'li', 'dd']);

/** AMP components that can carry article text; every other amp-* element is chrome, ads or analytics. */
export const AMP_TEXT = new Set(['amp-fit-text', 'amp-accordion', 'amp-img', 'amp-layout', 'amp-selector']);
