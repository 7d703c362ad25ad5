/**
 * The lead of an article: its opening paragraphs, from the first paragraph of
 * real prose (headline, byline and dateline lines are too short to count).
 * Papers trim wire copy from the bottom, so a brief keeps the lead of the
 * story it was cut from even when it keeps little else.
 */

export const LEAD_MIN_PARAGRAPH_WORDS = 15;

function wordCount(s: string): number {
  const m = s.match(/\S+/g);
  return m ? m.length : 0;
}

/** About `words` words of the text, starting at its first paragraph of at least 15 words. */
export function leadText(text: string, words: number): string {
  const paragraphs = text.split(/\n+/);
  let start = paragraphs.findIndex((p) => wordCount(p) >= LEAD_MIN_PARAGRAPH_WORDS);
  if (start < 0) start = 0;
  const out: string[] = [];
  let count = 0;
  for (let i = start; i < paragraphs.length && count < words; i++) {
    out.push(paragraphs[i]!);
    count += wordCount(paragraphs[i]!);
  }
  return out.join('\n');
}
