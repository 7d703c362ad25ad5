/** The genres and frames of SemEval-2023 Task 3 (subtasks 1 and 2): shared by the benchmark, the models and the web app. */

/** ST1 classes (the scorer's CLASSES). */
export const GENRES_2023 = ['reporting', 'opinion', 'satire'] as const;

/** The 14 frames of `scorers/frames_subtask2.txt`. */
export const FRAMES_2023 = [
  'Economic',
  'Capacity_and_resources',
  'Morality',
  'Fairness_and_equality',
  'Legality_Constitutionality_and_jurisprudence',
  'Policy_prescription_and_evaluation',
  'Crime_and_punishment',
  'Security_and_defense',
  'Health_and_safety',
  'Quality_of_life',
  'Cultural_identity',
  'Public_opinion',
  'Political',
  'External_regulation_and_reputation',
] as const;
