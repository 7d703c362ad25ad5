/**
 * What a debate transcript says about each line beyond its words: who
 * speaks, in what role, and where a speaker's turn starts and ends.
 */

/** Speakers that are not people making statements. */
const NON_SPEAKERS = new Set(['SYSTEM', 'AUDIENCE']);
const QUESTIONERS = new Set(['QUESTION', 'MODERATOR']);

/**
 * Speaker roles in one debate without knowing who is who: the audience
 * (transcript notes such as "(APPLAUSE)"), questioners, and for the rest
 * their share of the debate's lines; candidates speak most, moderators
 * and panelists less.
 */
export function speakerRoles(speakers: readonly string[]): string[] {
  const counts = new Map<string, number>();
  let people = 0;
  for (const s of speakers) {
    if (NON_SPEAKERS.has(s)) continue;
    counts.set(s, (counts.get(s) ?? 0) + 1);
    people++;
  }
  return speakers.map((s) => {
    if (NON_SPEAKERS.has(s)) return 'audience';
    if (QUESTIONERS.has(s)) return 'questioner';
    return (counts.get(s) ?? 0) / Math.max(1, people) >= 0.2 ? 'main speaker' : 'other speaker';
  });
}

export interface DebateContext {
  roles: string[];
  /** The speaker changes before this line. */
  turnStart: boolean[];
  /** The speaker changes after this line. */
  turnEnd: boolean[];
}

export function debateContext(speakers: readonly string[]): DebateContext {
  return {
    roles: speakerRoles(speakers),
    turnStart: speakers.map((s, i) => i === 0 || speakers[i - 1] !== s),
    turnEnd: speakers.map((s, i) => i + 1 === speakers.length || speakers[i + 1] !== s),
  };
}
