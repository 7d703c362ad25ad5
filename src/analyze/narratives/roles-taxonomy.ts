/**
 * The entity-framing roles of SemEval-2025 Task 10 (subtask 1): three main
 * roles, each with its fine roles. An entity mention has one main role and
 * one or more fine roles of that main role.
 */

export type MainRole = 'Protagonist' | 'Antagonist' | 'Innocent';

export const MAIN_ROLES: readonly MainRole[] = ['Protagonist', 'Antagonist', 'Innocent'];

export const FINE_ROLES_OF: Readonly<Record<MainRole, readonly string[]>> = {
  Protagonist: ['Guardian', 'Martyr', 'Peacemaker', 'Rebel', 'Underdog', 'Virtuous'],
  Antagonist: ['Instigator', 'Conspirator', 'Tyrant', 'Foreign Adversary', 'Traitor', 'Spy', 'Saboteur', 'Corrupt', 'Incompetent', 'Terrorist', 'Deceiver', 'Bigot'],
  Innocent: ['Forgotten', 'Exploited', 'Victim', 'Scapegoat'],
};

/** The 22 fine roles in the scorer's order. */
export const FINE_ROLES: readonly string[] = MAIN_ROLES.flatMap((m) => FINE_ROLES_OF[m]);

const MAIN_OF = new Map<string, MainRole>(MAIN_ROLES.flatMap((m) => FINE_ROLES_OF[m].map((f) => [f, m] as const)));

/** The main role a fine role belongs to. */
export function mainRoleOf(fine: string): MainRole | undefined {
  return MAIN_OF.get(fine);
}
