/** The web app's DOM-free logic: offsets, segments of overlapping spans, safe links, reading analyses. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { segments, sliceCodePoints, toUtf16 } from '../../web/src/lib/spans.ts';
import { safeHref } from '../../web/src/lib/safe-url.ts';
import { claimsOf, knownCasesOf, narrativesOf, techniqueSpans } from '../../web/src/lib/analysis.ts';
import { categoryColour, categoryOf, techniqueName, UNKNOWN_COLOUR } from '../../web/src/lib/techniques.ts';
import { syntheticAnalysis } from '../../src/store/synthetic.ts';
import { TECHNIQUE_CATEGORY_COLOURS } from '../../src/render/highlights.ts';

describe('spans', () => {
  it('converts code points to UTF-16 after astral characters and a BOM', () => {
    const text = '\uFEFF🔥 hot 🔥 take';
    // code points: BOM=0, 🔥=1, ' '=2, h=3 … 'hot' is 3..6; second 🔥 is 7; 'take' is 9..13
    const { spans, dropped } = toUtf16(text, [
      { start: 3, end: 6 },
      { start: 9, end: 13 },
    ]);
    assert.equal(dropped, 0);
    assert.deepEqual(spans.map((s) => text.slice(s.start, s.end)), ['hot', 'take']);
    assert.equal(sliceCodePoints(text, 9, 13), 'take');
    assert.equal(sliceCodePoints(text, 0, 1), '\uFEFF');
  });

  it('drops spans that do not fit the text instead of failing', () => {
    const { spans, dropped } = toUtf16('short', [
      { start: 0, end: 5 },
      { start: 3, end: 99 },
      { start: 4, end: 2 },
      { start: 1.5, end: 3 },
      { start: -1, end: 2 },
    ]);
    assert.equal(spans.length, 1);
    assert.equal(dropped, 4);
  });

  it('cuts overlapping and nested spans into segments that know every span covering them', () => {
    // 0123456789
    // [aaaaaa)      a: 0-6
    //   [bb)        b: 2-4 (nested)
    //     [cccc)    c: 4-8 (overlaps a's end)
    const spans = [
      { start: 0, end: 6 },
      { start: 2, end: 4 },
      { start: 4, end: 8 },
    ];
    const segs = segments(10, spans);
    assert.deepEqual(
      segs.map((s) => [s.start, s.end, s.active]),
      [
        [0, 2, [0]],
        [2, 4, [0, 1]],
        [4, 6, [0, 2]],
        [6, 8, [2]],
        [8, 10, []],
      ],
    );
  });

  it('covers the whole text exactly once', () => {
    const segs = segments(7, [{ start: 2, end: 5 }]);
    assert.equal(segs[0]!.start, 0);
    assert.equal(segs.at(-1)!.end, 7);
    for (let i = 1; i < segs.length; i++) assert.equal(segs[i]!.start, segs[i - 1]!.end);
  });
});

describe('safeHref', () => {
  it('keeps http and https links', () => {
    assert.equal(safeHref('https://example.org/a?b=1'), 'https://example.org/a?b=1');
    assert.equal(safeHref('http://example.org'), 'http://example.org/');
  });
  it('refuses every other scheme and non-URLs', () => {
    for (const bad of ['javascript:alert(1)', ' JavaScript:alert(1)', 'java\tscript:alert(1)', 'data:text/html,<script>x</script>', 'vbscript:x', 'file:///etc/passwd', '/relative', '//evil.example', '', null, 42]) {
      assert.equal(safeHref(bad), null, String(bad));
    }
  });
});

describe('reading analyses', () => {
  const text = 'They lied. Prices rose by 40 per cent.';
  const analysis = syntheticAnalysis(text, {
    techniques: [{ label: 'Loaded_Language', start: 5, end: 9, score: 0.8 }],
    labels: { narratives: [{ label: 'URW: Speculating war outcomes', sublabels: ['Russian army is collapsing'] }] },
    spans: { claims: [{ label: 'claim', start: 11, end: 38, score: 0.9 }] },
  });

  it('takes techniques with their taxonomy category and colour', () => {
    const [t] = techniqueSpans(analysis);
    assert.equal(t!.category, 'Manipulative wording');
    assert.equal(techniqueName(t!.technique), 'Loaded language');
    assert.equal(categoryColour(t!.category), TECHNIQUE_CATEGORY_COLOURS['Manipulative wording'].colour);
    assert.equal(categoryColour('no such category'), UNKNOWN_COLOUR);
    assert.equal(categoryOf('Doubt', 'unknown'), 'Attack on reputation');
  });

  it('reads claims and narratives from their layers when the top-level lists are absent', () => {
    assert.deepEqual(claimsOf(analysis).map((c) => sliceCodePoints(text, c.start, c.end)), ['Prices rose by 40 per cent.']);
    const [n] = narrativesOf(analysis);
    assert.equal(n!.label, 'URW: Speculating war outcomes');
    assert.deepEqual(n!.sublabels, ['Russian army is collapsing']);
  });

  it('reads known cases from the known-cases layer', () => {
    const withCase = {
      ...analysis,
      layers: {
        ...analysis.layers,
        'known-cases': {
          model: { name: 'x', version: '1' },
          status: 'ok' as const,
          labels: [],
          spans: [{ start: 11, end: 38, label: 'known-case', score: 0.7, attrs: { caseId: 'EU-1', similarity: 0.7, summary: 's', disproof: 'd', url: 'javascript:alert(1)' } }],
        },
      },
    };
    const [c] = knownCasesOf(withCase);
    assert.equal(c!.caseId, 'EU-1');
    assert.deepEqual(c!.claim, { start: 11, end: 38 });
    assert.equal(safeHref(c!.url), null);
  });
});
