/**
 * Entity roles at analysis time: for each mention of an entity in an
 * article, its main role (protagonist, antagonist, innocent) and fine roles
 * (guardian, tyrant, victim …), as SemEval-2025 Task 10 subtask 1 frames
 * them. The actors layer can call `roleOfMentions` with the mentions of
 * each actor.
 */
import { fileURLToPath } from 'node:url';
import { FeatureIndex, VectorSink, Vocabulary, type SparseVector } from '../../learn/features.ts';
import { readModelFile, type ModelFile } from '../../learn/model-file.ts';
import { sigmoid, softmax } from '../../learn/linear.ts';
import { sentencesOf } from '../../text/sentences.ts';
import { tokenize, type Token } from '../../text/tokenize.ts';
import { addMentions, emitMentionFeatures, mentionContext, type MentionContext } from './role-features.ts';
import { FINE_ROLES_OF, MAIN_ROLES, type MainRole } from './roles-taxonomy.ts';
import { SparseLinear, type StoredSparseLinear } from './sparse-model.ts';

export const ROLE_MODEL_NAME = 'spinscope-entity-roles';
export const ROLE_MODEL_VERSION = '1.0.0';

export function defaultRoleModelPath(): string {
  return fileURLToPath(new URL('../../../models/entity-roles.json.gz', import.meta.url));
}

export interface StoredRoleModel {
  /** Two heads over one vocabulary: a softmax over MAIN_ROLES, then a sigmoid per fine role (FINE_ROLES order). */
  linear: StoredSparseLinear;
  /** Softmax temperature of the main-role head, fitted on out-of-fold scores. */
  temperature: number;
  platt: { a: number; b: number };
  /** A second or third fine role of the main role is added from this probability. */
  extraFine: number;
  /** Languages trained on. */
  languages: string[];
}

export interface MentionRole {
  main: MainRole;
  /** Fine roles of the main role, most probable first (at least one). */
  fine: string[];
  /** Calibrated probability of the main role. */
  score: number;
  /** Calibrated probability of each fine role in `fine`. */
  fineScores: number[];
}


/** Decodes main and fine roles from the two models' outputs; shared with cross-validation. */
export function decodeRole(mainP: ArrayLike<number>, fineP: ArrayLike<number>, fineClasses: readonly string[], extraFine: number): MentionRole {
  let m = 0;
  for (let i = 1; i < MAIN_ROLES.length; i++) if (mainP[i]! > mainP[m]!) m = i;
  const main = MAIN_ROLES[m]!;
  const allowed = new Set(FINE_ROLES_OF[main]);
  const ranked = fineClasses.map((f, i) => ({ f, p: fineP[i]! })).filter((x) => allowed.has(x.f)).sort((a, b) => b.p - a.p);
  const kept = ranked.filter((x, r) => r === 0 || x.p >= extraFine);
  return { main, fine: kept.map((x) => x.f), score: mainP[m]!, fineScores: kept.map((x) => x.p) };
}

export class EntityRoleModel {
  readonly name: string;
  readonly version: string;
  readonly file: ModelFile<StoredRoleModel>;
  private readonly main: SparseLinear;
  private readonly fine: SparseLinear;
  /** Reused for every mention: analysis is single-threaded per pipeline. */
  private readonly sink: VectorSink;

  constructor(file: ModelFile<StoredRoleModel>) {
    this.file = file;
    this.name = file.name;
    this.version = file.version;
    const { features, heads } = file.model.linear;
    this.main = new SparseLinear(features, heads[0]!);
    this.fine = new SparseLinear(features, heads[1]!);
    this.sink = new VectorSink(new FeatureIndex(Vocabulary.from(features)));
  }

  private vector(ctx: MentionContext, start: number, end: number): SparseVector {
    this.sink.reset();
    emitMentionFeatures(ctx, start, end, this.sink);
    return this.sink.vector();
  }

  static load(path = defaultRoleModelPath()): EntityRoleModel {
    return new EntityRoleModel(readModelFile<StoredRoleModel>(path));
  }

  get languages(): string[] {
    return this.file.model.languages;
  }

  /** Roles of mentions of one article whose tokens and sentences are already known. */
  rolesIn(ctx: MentionContext, mentions: readonly { start: number; end: number }[]): MentionRole[] {
    addMentions(ctx, mentions);
    const { temperature, platt, extraFine } = this.file.model;
    return mentions.map((m) => {
      const x = this.vector(ctx, m.start, m.end);
      const mainP = softmax(this.main.logits(x), temperature);
      const fineP = Float64Array.from(this.fine.logits(x), (v) => sigmoid(platt.a * v + platt.b));
      return decodeRole(mainP, fineP, this.fine.classes, extraFine);
    });
  }

  /**
   * Roles of entity mentions ([start, end) UTF-16 offsets into `text`), one
   * result per mention in order; `tokens` and `sentences` when the caller has
   * them, else the text is tokenised here.
   */
  roleOfMentions(text: string, mentions: readonly { start: number; end: number }[], language: string, tokens: readonly Token[] = tokenize(text), sentences = sentencesOf(text, tokens)): MentionRole[] {
    if (mentions.length === 0) return [];
    return this.rolesIn(mentionContext(text, tokens, sentences, language), mentions);
  }
}

/** `model.roleOfMentions(…)`, for callers that hold the model elsewhere. */
export function roleOfMentions(model: EntityRoleModel, text: string, mentions: readonly { start: number; end: number }[], language: string): MentionRole[] {
  return model.roleOfMentions(text, mentions, language);
}
