import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeEntities, htmlToParagraphs, unescapeDoubleEscaped } from './html-text.ts';

test('decodeEntities decodes named and numeric references but only when closed by ";"', () => {
  assert.equal(decodeEntities('Caf&eacute; &amp; bar &#8217;s &#x2014; &nbsp;x'), 'Café & bar ’s — \u00a0x');
  assert.equal(decodeEntities('&copy2026 R&D a<b &unknownentity;'), '&copy2026 R&D a<b &unknownentity;');
});

test('unescapeDoubleEscaped decodes once more only when there are escaped tags and no real ones', () => {
  assert.equal(unescapeDoubleEscaped('&lt;p&gt;Hi &amp;amp; bye&lt;/p&gt;'), '<p>Hi &amp; bye</p>');
  assert.equal(unescapeDoubleEscaped('<p>Use &lt;b&gt; for bold</p>'), '<p>Use &lt;b&gt; for bold</p>');
  assert.equal(unescapeDoubleEscaped('Tom &amp; Jerry'), 'Tom &amp; Jerry');
});

test('htmlToParagraphs: one paragraph per block, scripts and styles skipped, whitespace collapsed', () => {
  assert.deepEqual(
    htmlToParagraphs('<div>Lead <b>in</b><p>One\n  two</p><script>x()</script><style>p{}</style><ul><li>A</li><li>B<br>C</li></ul></div>'),
    ['Lead in', 'One two', 'A', 'B C'],
  );
});
